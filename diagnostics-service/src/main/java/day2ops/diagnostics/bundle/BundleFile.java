package day2ops.diagnostics.bundle;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A bundle's zip file as written: buffered, counting the bytes that reach the file, and held to the room the
 * bundle was given ({@code budgetBytes}, from the quota and the free-space floor).
 */
final class BundleFile extends FilterOutputStream {

    private final long budgetBytes;
    private long count;

    BundleFile(OutputStream out, long budgetBytes) {
        super(new BufferedOutputStream(out, 64 * 1024));
        this.budgetBytes = budgetBytes;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        count += len;
    }

    /** Bytes written so far. */
    long size() {
        return count;
    }

    /** Fails once the file is over its budget; {@code what} names the bundle in the message ("the bundle"). */
    void checkBudget(String what) throws IOException {
        if (count > budgetBytes) {
            throw new IOException(what + " outgrew the room left in the bundle directory (" + budgetBytes
                    + " bytes, diagnostics.bundles.quota / min-free-space)");
        }
    }
}
