package day2ops.diagnostics.bundle;

import java.io.IOException;

/**
 * Where a node bundle's entries go while they are collected: a zip file on disk (local bundles) or a gRPC
 * stream to the master (node parts of cluster bundles). Entries come one after the other: {@link #startEntry}
 * ends the previous one. Implementations throw {@link BundleCanceledException} once the bundle was canceled,
 * which stops the collection at the next write.
 */
public interface BundleSink {

    /** Begins the entry {@code name} (already sanitised by {@link EntryNames}). */
    void startEntry(String name, long modifiedMillis) throws IOException;

    /** The next bytes of the entry begun last. */
    void write(byte[] bytes, int offset, int length) throws IOException;

    /** {@code collected} of {@code total} collectors are done; {@code current} is running now. */
    void progress(int collected, int total, String current) throws IOException;
}
