package day2ops.diagnostics.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import day2ops.diagnostics.config.DiagnosticsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemdUnitReaderTest {

    @TempDir
    Path dir;

    @Test
    void absentSocketIsReportedAsSystemdUnavailable() {
        String address = "unix:path=" + dir.resolve("no-socket");
        SystemdUnitReader reader = new SystemdUnitReader(config(address));
        try {
            SystemdUnavailableException e = assertThrows(SystemdUnavailableException.class,
                    () -> reader.read(List.of("sshd.service")));
            assertEquals("the D-Bus socket " + dir.resolve("no-socket") + " (" + address + ") does not exist", e.getMessage());
        } finally {
            reader.shutdown();
        }
    }

    @Test
    void unreachableSystemdIsNeverReportedAsNoUnits() {
        SystemdUnitReader reader = new SystemdUnitReader(config("unix:path=" + dir.resolve("no-socket")));
        try {
            // An empty selection still connects: a node whose bus is down must not look healthy.
            assertThrows(SystemdUnavailableException.class, () -> reader.read(List.of()));
        } finally {
            reader.shutdown();
        }
    }

    private static DiagnosticsConfig.Systemd config(String address) {
        return new DiagnosticsConfig.Systemd() {
            @Override
            public String busAddress() {
                return address;
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(5);
            }
        };
    }
}
