package day2ops.diagnostics.bundle;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A local bundle's zip, written to disk as entries arrive (nothing held in memory beyond the deflater's
 * window). Fails with an {@link IOException} once the file outgrows {@code budgetBytes}.
 */
final class ZipSink implements BundleSink, AutoCloseable {

    /** Progress callback: collected, total, current. */
    interface Progress {
        void update(int collected, int total, String current);
    }

    private final BundleFile file;
    private final ZipOutputStream zip;
    private final BooleanSupplier canceled;
    private final Progress progress;
    private boolean entryOpen;

    ZipSink(OutputStream out, long budgetBytes, BooleanSupplier canceled, Progress progress) {
        this.file = new BundleFile(out, budgetBytes);
        this.zip = new ZipOutputStream(file, StandardCharsets.UTF_8);
        this.canceled = canceled;
        this.progress = progress;
    }

    private void checkCanceled() {
        if (canceled.getAsBoolean()) {
            throw new BundleCanceledException("bundle canceled");
        }
    }

    @Override
    public void startEntry(String name, long modifiedMillis) throws IOException {
        checkCanceled();
        if (entryOpen) {
            zip.closeEntry();
        }
        ZipEntry entry = new ZipEntry(EntryNames.sanitise(name));
        entry.setTime(modifiedMillis);
        zip.putNextEntry(entry);
        entryOpen = true;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        checkCanceled();
        zip.write(bytes, offset, length);
        checkBudget();
    }

    /** Fails once the file is over its budget (checked on every write, and by the owner after closing). */
    void checkBudget() throws IOException {
        file.checkBudget("the bundle");
    }

    @Override
    public void progress(int collected, int total, String current) {
        checkCanceled();
        progress.update(collected, total, current);
    }

    /** A whole small entry (a summary written by the service itself). */
    void entry(String name, byte[] content) throws IOException {
        startEntry(name, System.currentTimeMillis());
        write(content, 0, content.length);
    }

    @Override
    public void close() throws IOException {
        if (entryOpen) {
            zip.closeEntry();
            entryOpen = false;
        }
        zip.close();
    }

    /** Bytes written to the file so far. */
    long size() {
        return file.size();
    }
}
