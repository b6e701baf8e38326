package day2ops.journal;

/** What {@link Journal#await} observed (the {@code SD_JOURNAL_*} wakeup codes). */
public enum WaitResult {
    /** Nothing changed before the timeout. */
    NOP,
    /** Entries were appended to the files already open. */
    APPEND,
    /**
     * Files were added, removed or rotated. Iteration continues correctly; a follower that caches
     * positions should re-seek to its last cursor.
     */
    INVALIDATE;

    static WaitResult of(int code) {
        return switch (code) {
            case 0 -> NOP;
            case 1 -> APPEND;
            case 2 -> INVALIDATE;
            default -> throw new JournalException("sd_journal_wait", 0, "unknown wakeup code " + code);
        };
    }
}
