package day2ops.logs.gateway;

import day2ops.journal.Journal;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * gatewayd's {@code /machine}: machine id, boot id, host name, OS name, virtualization, the
 * journal's disk usage and the realtime span it covers, in gatewayd's JSON layout.
 */
@ApplicationScoped
public class MachineInfo {

    private volatile String virtualization;

    /** This boot's id as journald writes it ({@code _BOOT_ID}: 32 hex digits). */
    public String bootId() {
        return read("/proc/sys/kernel/random/boot_id").replace("-", "");
    }

    String describe(Journal journal) {
        long usage = journal.usageBytes();
        long from = 0;
        long to = 0;
        journal.seekHead();
        if (journal.next()) {
            from = journal.realtimeMicros();
        }
        journal.seekTail();
        if (journal.previous()) {
            to = journal.realtimeMicros();
        }
        return "{ \"machine_id\" : \"" + read("/etc/machine-id") + "\","
                + "\"boot_id\" : \"" + bootId() + "\","
                + "\"hostname\" : \"" + escape(read("/proc/sys/kernel/hostname")) + "\","
                + "\"os_pretty_name\" : \"" + escape(osPrettyName()) + "\","
                + "\"virtualization\" : \"" + escape(virtualization()) + "\","
                + "\"usage\" : \"" + usage + "\","
                + "\"cutoff_from_realtime\" : \"" + from + "\","
                + "\"cutoff_to_realtime\" : \"" + to + "\" }\n";
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static String osPrettyName() {
        for (String file : new String[] {"/etc/os-release", "/usr/lib/os-release"}) {
            try {
                for (String line : Files.readAllLines(Path.of(file))) {
                    if (line.startsWith("PRETTY_NAME=")) {
                        String value = line.substring("PRETTY_NAME=".length()).trim();
                        return value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'"))
                                ? value.substring(1, value.length() - 1) : value;
                    }
                }
            } catch (IOException e) {
                // try the next location, as systemd does
            }
        }
        return "Linux";
    }

    /** {@code systemd-detect-virt}'s answer, asked once. */
    private String virtualization() {
        String v = virtualization;
        if (v == null) {
            v = "none";
            try {
                Process p = new ProcessBuilder("systemd-detect-virt").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (p.waitFor(5, TimeUnit.SECONDS) && !out.isEmpty() && !out.contains(" ")) {
                    v = out;
                }
            } catch (IOException e) {
                // not installed: report none, as gatewayd does on bare metal
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            virtualization = v;
        }
        return v;
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
