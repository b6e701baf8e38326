package day2ops.journal;

/** Flags of {@code sd_journal_open*} (values from {@code sd-journal.h}). */
public enum OpenFlag {
    /** Only journal files generated on this machine. */
    LOCAL_ONLY(1),
    /** Only volatile journal files in {@code /run}. */
    RUNTIME_ONLY(1 << 1),
    /** System services and the kernel. */
    SYSTEM(1 << 2),
    /** The current user's journal. */
    CURRENT_USER(1 << 3),
    /** The given directory is an OS root, not a journal directory. */
    OS_ROOT(1 << 4),
    /** With {@link Journal#openNamespace}: every namespace. */
    ALL_NAMESPACES(1 << 5),
    /** With {@link Journal#openNamespace}: the named namespace and the default one. */
    INCLUDE_DEFAULT_NAMESPACE(1 << 6);

    final int bit;

    OpenFlag(int bit) {
        this.bit = bit;
    }

    static int mask(OpenFlag... flags) {
        int mask = 0;
        for (OpenFlag flag : flags) {
            mask |= flag.bit;
        }
        return mask;
    }
}
