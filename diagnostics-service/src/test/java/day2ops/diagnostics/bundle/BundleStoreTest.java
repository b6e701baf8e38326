package day2ops.diagnostics.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.ClientErrorException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleStoreTest {

    @TempDir
    Path root;

    private BundleState state(String id, BundleStatus status) {
        return new BundleState(id, BundleState.LOCAL, 0, status, "2026-11-21T10:00:00Z", null, List.of(), 3, 9);
    }

    @Test
    void interruptedBundlesBecomeFailedSayingSoAndLoseTheirPartialZip() throws Exception {
        BundleStore store = new BundleStore(root.resolve("local"));
        for (String id : List.of("was-running", "was-started", "was-done")) {
            store.create(id);
            try (OutputStream zip = store.newFile(id, BundleStore.ZIP)) {
                zip.write(new byte[] {1, 2, 3});
            }
        }
        store.write(state("was-running", BundleStatus.InProgress));
        store.write(state("was-started", BundleStatus.Started));
        store.write(state("was-done", BundleStatus.Done));

        // As a new service instance would, on the same directory.
        BundleStore restarted = new BundleStore(root.resolve("local"));
        assertEquals(List.of("was-running", "was-started"), restarted.failInterrupted());

        BundleState failed = restarted.read("was-running").orElseThrow();
        assertEquals(BundleStatus.Failed, failed.status());
        assertEquals(List.of("the diagnostics service stopped while this bundle was being built (at 3 of 9); start a new one"),
                failed.errors());
        assertTrue(failed.stoppedAt() != null);
        assertFalse(Files.exists(restarted.zip("was-running")));
        assertEquals(BundleStatus.Done, restarted.read("was-done").orElseThrow().status());
        assertTrue(Files.exists(restarted.zip("was-done")));
        assertEquals(List.of(), restarted.failInterrupted(), "nothing is left running");
    }

    @Test
    void directoriesAre0700AndFiles0600() throws Exception {
        BundleStore store = new BundleStore(root.resolve("local"));
        store.create("b");
        store.write(state("b", BundleStatus.Started));
        store.newFile("b", BundleStore.ZIP).close();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("local"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("local/b"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("local/b/state.json"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.zip("b"))));
    }

    @Test
    void creatingAnExistingBundleIs409() {
        BundleStore store = new BundleStore(root.resolve("local"));
        store.create("x");
        ClientErrorException e = assertThrows(ClientErrorException.class, () -> store.create("x"));
        assertEquals(409, e.getResponse().getStatus());
    }
}
