package day2ops.logs.dcos;

import day2ops.journal.Journal;
import day2ops.journal.JournalException;
import day2ops.logs.journal.JournalStream.Advance;
import day2ops.logs.journal.JournalStream.Positioning;
import day2ops.logs.journal.LogRequestException;
import java.util.Map;

/**
 * Where a DC/OS read starts and how it moves. Positions are between entries: {@code BEG} before the
 * first, {@code END} after the last, a cursor (or {@code Last-Event-ID}) just after its entry
 * (exclusive). A skip moves that position by whole entries — backwards for a negative skip — and
 * reading continues forwards (or backwards with {@code read_reverse}). So {@code cursor=END&skip=-2}
 * is the last two entries, {@code skip=-10&limit=10} (no cursor: from {@code END}) the last ten.
 */
final class DcosPositioning implements Positioning {

    static final String SKIP_NEXT = "X-Journal-Skip-Next";
    static final String SKIP_PREV = "X-Journal-Skip-Prev";

    private final boolean reverse;
    private boolean deliverCurrent;

    private DcosPositioning(boolean reverse) {
        this.reverse = reverse;
    }

    /**
     * Positions {@code journal} and returns the positioning to read with.
     *
     * @param resumeAfter a {@code Last-Event-ID}: start strictly after it, ignoring cursor and skip
     * @param follow a stream without cursor, skip or resume starts at the end (new entries only)
     */
    static DcosPositioning position(Journal journal, DcosQuery query, String resumeAfter, boolean follow,
            Map<String, String> headers) {
        DcosPositioning p = new DcosPositioning(query.readReverse());
        long skip = resumeAfter != null ? 0 : query.skip();
        String cursor = resumeAfter != null ? resumeAfter : query.cursor();
        boolean onEntry;
        try {
            if (cursor == null) {
                cursor = skip < 0 || query.readReverse() || (follow && skip == 0) ? "END" : "BEG";
            }
            if (cursor.equals("BEG")) {
                journal.seekHead();
                onEntry = false;
            } else if (cursor.equals("END")) {
                if (follow && skip == 0 && !query.readReverse()) {
                    journal.seekTailForFollow();
                    onEntry = true;
                } else {
                    journal.seekTail();
                    onEntry = false;
                }
            } else if (query.readReverse()) {
                journal.seekCursor(cursor);
                // previous() lands on the cursor's entry, which is excluded; if that entry is gone, on an earlier one.
                boolean landed = journal.previous();
                onEntry = true;
                p.deliverCurrent = landed && !journal.testCursor(cursor);
            } else {
                journal.seekAfterCursor(cursor);
                onEntry = true;
            }
        } catch (JournalException e) {
            throw LogRequestException.badRequest((resumeAfter != null ? "Last-Event-ID" : "cursor") + " '" + cursor
                    + "' is not a valid journal cursor (" + e.getMessage() + ")");
        }
        long skippedNext = 0;
        long skippedPrev = 0;
        if (skip > 0) {
            skippedNext = journal.skipNext(skip);
            p.deliverCurrent = false;
        } else if (skip < 0) {
            skippedPrev = journal.skipPrevious(-skip);
            // From a gap (BEG/END) the entry we land on was not skipped; from an entry it was, unless we
            // hit the head before skipping the whole count.
            p.deliverCurrent = !query.readReverse() && skippedPrev > 0 && (!onEntry || skippedPrev < -skip);
            if (!query.readReverse() && onEntry && skippedPrev == 0) {
                p.deliverCurrent = hasPosition(journal);
            }
        }
        headers.put(SKIP_NEXT, Long.toString(skippedNext));
        headers.put(SKIP_PREV, Long.toString(skippedPrev));
        return p;
    }

    private static boolean hasPosition(Journal journal) {
        try {
            journal.cursor();
            return true;
        } catch (JournalException noEntry) {
            return false;
        }
    }

    @Override
    public Advance advance(Journal journal) {
        if (deliverCurrent) {
            deliverCurrent = false;
            return Advance.ENTRY;
        }
        return (reverse ? journal.previous() : journal.next()) ? Advance.ENTRY : Advance.END;
    }
}
