package day2ops.logs.gateway;

import day2ops.journal.Journal;
import day2ops.logs.journal.JournalStream.Advance;
import day2ops.logs.journal.JournalStream.Positioning;

/**
 * systemd-journal-gatewayd's read step ({@code request_reader_entries}), call for call, so the same
 * request on the same journal yields the same entries: the first move applies the range's skip
 * ({@code sd_journal_previous_skip(-skip + 1)} backwards, {@code sd_journal_next_skip(skip + 1)}
 * forwards), every later move is {@code sd_journal_next}; a discrete read stops unless it landed on
 * its cursor.
 */
final class GatewayPositioning implements Positioning {

    private long pendingSkip;
    private final String discreteCursor;
    private final long untilMicros;

    GatewayPositioning(long skip, String discreteCursor, long untilMicros) {
        this.pendingSkip = skip;
        this.discreteCursor = discreteCursor;
        this.untilMicros = untilMicros;
    }

    @Override
    public Advance advance(Journal journal) {
        int moved;
        if (pendingSkip < 0) {
            moved = journal.skipPrevious(saturatedIncrement(-pendingSkip));
        } else if (pendingSkip > 0) {
            moved = journal.skipNext(saturatedIncrement(pendingSkip));
        } else {
            moved = journal.next() ? 1 : 0;
        }
        if (moved == 0) {
            return Advance.END;
        }
        pendingSkip = 0;
        if (discreteCursor != null && !journal.testCursor(discreteCursor)) {
            return Advance.STOP;
        }
        if (untilMicros >= 0 && journal.realtimeMicros() > untilMicros) {
            return Advance.STOP;
        }
        return Advance.ENTRY;
    }

    private static long saturatedIncrement(long n) {
        return n == Long.MAX_VALUE || n < 0 ? Long.MAX_VALUE : n + 1;
    }
}
