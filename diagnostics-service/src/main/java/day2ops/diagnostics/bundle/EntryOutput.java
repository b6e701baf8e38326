package day2ops.diagnostics.bundle;

import java.io.IOException;
import java.io.OutputStream;

/** The current entry of a {@link BundleSink} as a stream, in chunks of at most {@link #CHUNK} bytes. */
final class EntryOutput extends OutputStream {

    /** The largest piece handed to the sink at once (also the largest gRPC data message). */
    static final int CHUNK = 64 * 1024;

    private final BundleSink sink;
    private final byte[] buffer = new byte[CHUNK];
    private int used;
    private long written;

    EntryOutput(BundleSink sink) {
        this.sink = sink;
    }

    @Override
    public void write(int b) throws IOException {
        if (used == buffer.length) {
            flush();
        }
        buffer[used++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            if (used == buffer.length) {
                flush();
            }
            int n = Math.min(length, buffer.length - used);
            System.arraycopy(bytes, offset, buffer, used, n);
            used += n;
            offset += n;
            length -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        if (used > 0) {
            try {
                sink.write(buffer, 0, used);
            } catch (IOException e) {
                throw new SinkFailedException(e);
            }
            written += used;
            used = 0;
        }
    }

    /** Bytes handed to the sink so far. */
    long written() {
        return written;
    }
}
