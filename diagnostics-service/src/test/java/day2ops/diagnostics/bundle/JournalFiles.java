package day2ops.diagnostics.bundle;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Journal files for tests, made by {@code systemd-journal-remote} from the journal export format. */
public final class JournalFiles {

    public static final List<Path> JOURNAL_REMOTE = List.of(
            Path.of("/lib/systemd/systemd-journal-remote"), Path.of("/usr/lib/systemd/systemd-journal-remote"));

    /** One journal entry: when, which unit, what it said. */
    public record Line(Instant time, String unit, String message) {
    }

    private JournalFiles() {
    }

    /** The journal-remote binary; {@link IllegalStateException} naming the package when it is missing. */
    public static Path journalRemote() {
        return JOURNAL_REMOTE.stream().filter(Files::isExecutable).findFirst().orElseThrow(() -> new IllegalStateException(
                "systemd-journal-remote not found at " + JOURNAL_REMOTE + " (Debian package systemd-journal-remote)"));
    }

    /** Writes {@code lines} (in time order) as {@code dir/fixture.journal}. */
    public static void write(Path dir, List<Line> lines) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path export = dir.resolve("fixture.export");
        try (OutputStream out = Files.newOutputStream(export)) {
            long monotonic = 1_000_000;
            for (Line line : lines) {
                long micros = line.time().getEpochSecond() * 1_000_000 + line.time().getNano() / 1000;
                Map<String, String> fields = Map.of("_SYSTEMD_UNIT", line.unit(), "SYSLOG_IDENTIFIER", "fixture", "_PID", "4242",
                        "MESSAGE", line.message(), "PRIORITY", "6");
                StringBuilder entry = new StringBuilder()
                        .append("__REALTIME_TIMESTAMP=").append(micros).append('\n')
                        .append("__MONOTONIC_TIMESTAMP=").append(monotonic += 1000).append('\n')
                        .append("_BOOT_ID=0123456789abcdef0123456789abcdef\n");
                fields.forEach((name, value) -> entry.append(name).append('=').append(value).append('\n'));
                out.write(entry.append('\n').toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        Process remote = new ProcessBuilder(journalRemote().toString(), "--output=" + dir.resolve("fixture.journal"),
                export.toString()).redirectErrorStream(true).start();
        String output = new String(remote.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!remote.waitFor(60, TimeUnit.SECONDS) || remote.exitValue() != 0) {
            throw new IOException("systemd-journal-remote failed: " + output);
        }
        Files.delete(export);
    }
}
