package day2ops.logs.format;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {

    private static boolean printable(String s, boolean newline) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return Utf8.printable(b, 0, b.length, newline);
    }

    private static boolean printable(byte[] b) {
        return Utf8.printable(b, 0, b.length, true);
    }

    @Test
    void followsSystemdsPrintableRules() {
        assertTrue(printable("plain ascii\twith tab", false));
        assertTrue(printable("zwei Zeilen\nÄÖÜ €  𝄞", true));
        assertFalse(printable("two\nlines", false));
        assertFalse(printable("bell\u0007", true));
        assertFalse(printable("del\u007f", true));
        assertFalse(printable("c1 \u0085", true));
        assertFalse(printable(new byte[] {(byte) 0xc3, '('}));
        assertFalse(printable(new byte[] {(byte) 0xe0, (byte) 0x80, (byte) 0x80}), "overlong");
        assertFalse(printable(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}), "surrogate");
        assertFalse(printable(new byte[] {(byte) 0xef, (byte) 0xbf, (byte) 0xbf}), "U+FFFF");
        assertFalse(printable(new byte[] {0}));
    }
}
