package day2ops.diagnostics.bundle;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * The bundle dir's disk budget: all bundles together stay under the quota, and the file system keeps a
 * minimum of free space. New bundles are refused with 507; a bundle that outgrows the room left fails.
 */
public final class BundleQuota {

    public static final int INSUFFICIENT_STORAGE = 507;

    private final Path bundleDir;
    private final long quotaBytes;
    private final long minFreeBytes;

    public BundleQuota(Path bundleDir, long quotaBytes, long minFreeBytes) {
        this.bundleDir = bundleDir;
        this.quotaBytes = quotaBytes;
        this.minFreeBytes = minFreeBytes;
    }

    /** Bytes taken by everything under the bundle dir. */
    public long used() {
        if (!Files.isDirectory(bundleDir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(bundleDir)) {
            return files.mapToLong(BundleQuota::sizeOf).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + bundleDir, e);
        }
    }

    private static long sizeOf(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return attributes.isRegularFile() ? attributes.size() : 0;
        } catch (NoSuchFileException gone) {
            return 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Bytes a new bundle may still write; 507 when there is no room: the quota is used up or the file system
     * is below its minimum free space.
     */
    public long roomForNewBundle() {
        long used = used();
        if (used >= quotaBytes) {
            throw insufficient("the bundle directory " + bundleDir + " uses " + used + " bytes of its quota of " + quotaBytes
                    + " bytes (diagnostics.bundles.quota); delete old bundles first");
        }
        long free;
        try {
            free = Files.getFileStore(bundleDir).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the free space of " + bundleDir, e);
        }
        if (free < minFreeBytes) {
            throw insufficient("the file system of " + bundleDir + " has " + free + " bytes free, less than the "
                    + minFreeBytes + " bytes it must keep (diagnostics.bundles.min-free-space)");
        }
        return Math.min(quotaBytes - used, free - minFreeBytes);
    }

    static WebApplicationException insufficient(String detail) {
        return new WebApplicationException(detail, Response.status(INSUFFICIENT_STORAGE, "Insufficient Storage").build());
    }
}
