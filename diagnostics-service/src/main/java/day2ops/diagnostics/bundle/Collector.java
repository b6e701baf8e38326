package day2ops.diagnostics.bundle;

import java.io.OutputStream;

/**
 * One entry of a node bundle. A failure is thrown; the engine notes it at the end of the entry and, for a
 * required collector, also in the bundle's errors.
 */
interface Collector {

    /** The entry's name inside the node's part, before sanitising. */
    String entryName();

    /** What is being collected, for progress ("journal sshd.service"). */
    String description();

    /** Whether a failure is only noted in the entry (true) or also counts as a bundle error (false). */
    boolean optional();

    /** Modification time of the entry. */
    default long modifiedMillis() {
        return System.currentTimeMillis();
    }

    /** Writes the entry's content (already redacted where it is text) to {@code out}. */
    void collect(OutputStream out) throws Exception;
}
