package day2ops.cli.debug;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DetachDetectorTest {

    @Test
    void ctrlPCtrlQDetachesAndIsNotForwarded() {
        DetachDetector detector = new DetachDetector();
        assertArrayEquals(new byte[] {'a'}, detector.filter(new byte[] {'a', 0x10, 0x11, 'b'}, 4));
        assertTrue(detector.detached());
    }

    @Test
    void sequenceSplitAcrossReadsStillDetaches() {
        DetachDetector detector = new DetachDetector();
        assertArrayEquals(new byte[] {'x'}, detector.filter(new byte[] {'x', 0x10}, 2));
        assertFalse(detector.detached());
        assertArrayEquals(new byte[0], detector.filter(new byte[] {0x11}, 1));
        assertTrue(detector.detached());
    }

    @Test
    void loneCtrlPIsForwardedWithTheNextByte() {
        DetachDetector detector = new DetachDetector();
        assertArrayEquals(new byte[0], detector.filter(new byte[] {0x10}, 1));
        assertArrayEquals(new byte[] {0x10, 'p'}, detector.filter(new byte[] {'p'}, 1));
        assertArrayEquals(new byte[] {0x10}, detector.filter(new byte[] {0x10, 0x10}, 2));
        assertFalse(detector.detached());
    }
}
