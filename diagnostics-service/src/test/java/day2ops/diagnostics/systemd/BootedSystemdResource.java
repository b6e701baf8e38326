package day2ops.diagnostics.systemd;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Boots {@link BootedSystemd} before the application starts and points the service at it: its D-Bus
 * socket, its journal, and a {@code .wants} directory naming the test units. When the machine cannot boot
 * it, the application starts against an absent socket and {@link #SKIP_REASON} carries why, so the tests
 * abort (reported as skipped) with that reason instead of passing.
 */
public class BootedSystemdResource implements QuarkusTestResourceLifecycleManager {

    /** Config property the tests read: {@link #NOT_SKIPPED} or why systemd could not be booted. */
    public static final String SKIP_REASON = "day2ops.test.systemd.skip-reason";
    public static final String NOT_SKIPPED = "none";
    /** Every unit the health API is asked about: one per rule outcome, and one without a unit file. */
    public static final List<String> UNITS = List.of("d2o-healthy.service", "d2o-failed.service", "d2o-flapping.service",
            "d2o-neveractive.service", "d2o-inactive.service", "d2o-notloaded.service", "d2o-chatty.service");

    private BootedSystemd systemd;
    private Path wantsDir;

    @Override
    public Map<String, String> start() {
        try {
            wantsDir = Files.createTempDirectory("day2ops-diag-wants");
            for (String unit : UNITS) {
                Files.createFile(wantsDir.resolve(unit));
            }
            Files.createFile(wantsDir.resolve("README"));
            String reason = BootedSystemd.unavailableReason();
            if (reason == null) {
                try {
                    systemd = BootedSystemd.boot();
                } catch (IOException | RuntimeException e) {
                    reason = "booting systemd in private namespaces failed: " + e.getMessage();
                }
            }
            if (reason != null) {
                System.err.println("[diagnostics tests] SKIPPING the real-systemd tests: " + reason);
                return Map.of(SKIP_REASON, reason,
                        "diagnostics.health.units-dir", wantsDir.toString(),
                        "diagnostics.systemd.bus-address", "unix:path=" + wantsDir.resolve("no-systemd-here"));
            }
            return Map.of(SKIP_REASON, NOT_SKIPPED,
                    "diagnostics.health.units-dir", wantsDir.toString(),
                    "diagnostics.systemd.bus-address", systemd.busAddress(),
                    "diagnostics.health.journal-directory", systemd.journalDirectory().toString(),
                    "diagnostics.node.ip", "10.0.0.7",
                    "diagnostics.node.role", "master");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        try {
            if (systemd != null) {
                systemd.close();
            }
            if (wantsDir != null) {
                try (var entries = Files.list(wantsDir)) {
                    for (Path p : entries.toList()) {
                        Files.delete(p);
                    }
                }
                Files.delete(wantsDir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
