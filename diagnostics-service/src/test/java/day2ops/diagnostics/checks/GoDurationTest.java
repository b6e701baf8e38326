package day2ops.diagnostics.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {

    @Test
    void parsesGoDurations() {
        assertEquals(Duration.ofSeconds(1), GoDuration.parse("1s"));
        assertEquals(Duration.ofMillis(500), GoDuration.parse("500ms"));
        assertEquals(Duration.ofSeconds(90), GoDuration.parse("1m30s"));
        assertEquals(Duration.ofMillis(1500), GoDuration.parse("1.5s"));
        assertEquals(Duration.ofHours(2), GoDuration.parse("2h"));
        assertEquals(Duration.ofNanos(1500), GoDuration.parse("1us500ns"));
    }

    @Test
    void rejectsWhatGoRejects() {
        assertEquals("invalid duration \"5\" (expected e.g. 500ms, 5s, 1m30s)",
                assertThrows(IllegalArgumentException.class, () -> GoDuration.parse("5")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parse("5 s"));
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parse("s"));
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(""));
    }

    @Test
    void formatsWholeSecondsAndMilliseconds() {
        assertEquals("30s", GoDuration.format(Duration.ofSeconds(30)));
        assertEquals("1500ms", GoDuration.format(Duration.ofMillis(1500)));
    }
}
