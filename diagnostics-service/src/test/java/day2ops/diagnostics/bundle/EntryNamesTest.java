package day2ops.diagnostics.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EntryNamesTest {

    @Test
    void hostileNamesStayInsideTheBundle() {
        Map<String, String> cases = Map.of(
                "../../etc/passwd", "__/__/etc/passwd",
                "/etc/shadow", "etc/shadow",
                "a/./b//c", "a/b/c",
                "..\\..\\windows\\system32", ".._.._windows_system32",
                "nul\0byte", "nul_byte",
                "line\nbreak", "line_break",
                "..", "__",
                "", "_",
                "/", "_",
                "journal/sshd.service.log", "journal/sshd.service.log");
        cases.forEach((raw, safe) -> assertEquals(safe, EntryNames.sanitise(raw), raw));
    }

    @Test
    void noSanitisedNameCanClimbOutOrBeAbsolute() {
        for (String raw : new String[] {"../x", "x/../../y", "/../../z", "....//..//", "\\..\\x", "a/..", ".../..."}) {
            String safe = EntryNames.sanitise(raw);
            assertFalse(safe.startsWith("/"), safe);
            for (String segment : safe.split("/")) {
                assertFalse(segment.equals("..") || segment.equals(".") || segment.isEmpty(), raw + " -> " + safe);
            }
            assertFalse(safe.contains("\\"), safe);
            assertTrue(EntryNames.isSafe(safe), safe);
        }
    }

    @Test
    void overlongSegmentsAreCut() {
        assertEquals(200, EntryNames.sanitise("y".repeat(5000)).length());
    }
}
