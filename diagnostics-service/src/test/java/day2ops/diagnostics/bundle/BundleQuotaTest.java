package day2ops.diagnostics.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.WebApplicationException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleQuotaTest {

    @TempDir
    Path dir;

    @Test
    void roomIsTheQuotaLessWhatBundlesAlreadyTake() throws Exception {
        Files.createDirectories(dir.resolve("local/a"));
        Files.write(dir.resolve("local/a/bundle.zip"), new byte[1000]);
        assertEquals(1000, new BundleQuota(dir, 10_000, 0).used());
        assertEquals(9000, new BundleQuota(dir, 10_000, 0).roomForNewBundle());
    }

    @Test
    void aUsedUpQuotaIs507() throws Exception {
        Files.write(dir.resolve("old.zip"), new byte[2048]);
        WebApplicationException e = assertThrows(WebApplicationException.class, () -> new BundleQuota(dir, 2048, 0).roomForNewBundle());
        assertEquals(507, e.getResponse().getStatus());
        assertTrue(e.getMessage().contains("uses 2048 bytes of its quota of 2048 bytes (diagnostics.bundles.quota)"), e.getMessage());
    }

    @Test
    void aNearlyFullFileSystemIs507() {
        WebApplicationException e = assertThrows(WebApplicationException.class,
                () -> new BundleQuota(dir, Long.MAX_VALUE, Long.MAX_VALUE).roomForNewBundle());
        assertEquals(507, e.getResponse().getStatus());
        assertTrue(e.getMessage().contains("(diagnostics.bundles.min-free-space)"), e.getMessage());
    }
}
