package day2ops.diagnostics.bundle;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A configured file, as text through redaction. */
final class FileCollector implements Collector {

    private final Path file;
    private final boolean optional;
    private final Redactor redactor;

    FileCollector(Path file, boolean optional, Redactor redactor) {
        this.file = file;
        this.optional = optional;
        this.redactor = redactor;
    }

    @Override
    public String entryName() {
        return "files/" + file;
    }

    @Override
    public String description() {
        return "file " + file;
    }

    @Override
    public boolean optional() {
        return optional;
    }

    @Override
    public long modifiedMillis() {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (java.io.IOException e) {
            return System.currentTimeMillis();
        }
    }

    @Override
    public void collect(OutputStream out) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            redactor.text(out).copy(in);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new java.io.IOException("no such file: " + file, e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new java.io.IOException("permission denied: " + file, e);
        }
    }
}
