package day2ops.logs.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import day2ops.logs.journal.LogRequestException;
import org.junit.jupiter.api.Test;

class EntriesRangeTest {

    @Test
    void parsesGatewaydRangeForms() {
        assertEquals(EntriesRange.NONE, EntriesRange.parse(null));
        assertEquals(EntriesRange.NONE, EntriesRange.parse("bytes=0-100"));
        assertEquals(new EntriesRange("s=1;i=2", 0, -1, -1, -1), EntriesRange.parse("entries=s=1;i=2"));
        assertEquals(new EntriesRange(null, 0, 5, -1, -1), EntriesRange.parse("entries=:5"));
        assertEquals(new EntriesRange("c", -3, 4, -1, -1), EntriesRange.parse("entries=c:-3:4"));
        assertEquals(new EntriesRange("c", 2, -1, -1, -1), EntriesRange.parse("entries=c:2:"));
        assertEquals(new EntriesRange("c", 0, 1, -1, -1), EntriesRange.parse("entries=  c trailing:1"));
        assertEquals(new EntriesRange(null, 0, -1, -1, -1), EntriesRange.parse("entries="));
    }

    @Test
    void parsesRealtimeRanges() {
        assertEquals(new EntriesRange(null, 0, -1, 1_500_000, 2_000_000), EntriesRange.parse("realtime=1.5:2"));
        assertEquals(new EntriesRange(null, -2, 3, 10_000_000, -1), EntriesRange.parse("realtime=10::-2:3"));
        assertEquals(new EntriesRange(null, 0, 7, -1, -1), EntriesRange.parse("realtime=::7"));
    }

    @Test
    void rejectsMalformedRangesWithTheReason() {
        assertReason("entries=c:x:1", "Failed to parse Range header: num_skip 'x' is not an integer");
        assertReason("entries=c::1", "Failed to parse Range header: num_skip '' is not an integer");
        assertReason("entries=c:0", "Failed to parse Range header: num_entries must be positive, got '0'");
        assertReason("entries=c:-1", "Failed to parse Range header: num_entries '-1' is not a non-negative integer");
        assertReason("realtime=5", "Failed to parse Range header: realtime= needs [since]:[until][[:num_skip]:num_entries]");
        assertReason("realtime=-1:", "Failed to parse Range header: since '-1' is negative");
        assertReason("realtime=9:8", "Failed to parse Range header: until is before since");
    }

    private static void assertReason(String header, String reason) {
        LogRequestException e = assertThrows(LogRequestException.class, () -> EntriesRange.parse(header));
        assertEquals(400, e.status());
        assertEquals(reason, e.getMessage());
    }
}
