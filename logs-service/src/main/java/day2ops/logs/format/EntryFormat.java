package day2ops.logs.format;

import day2ops.journal.Journal;

/**
 * How one journal entry is written to a response. Implementations are stateful (scratch buffers)
 * and belong to one request, on the reader thread that owns its journal handle.
 */
public interface EntryFormat {

    /** The response's {@code Content-Type}. */
    String contentType();

    /** Writes the entry the journal is positioned on; {@code cursor} is its cursor. */
    void write(Journal journal, String cursor, ByteSink out);

    /** Whether this is an event stream (gets {@code : ping} comments when idle). */
    default boolean eventStream() {
        return false;
    }
}
