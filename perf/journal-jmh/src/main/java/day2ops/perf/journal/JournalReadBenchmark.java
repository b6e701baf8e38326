package day2ops.perf.journal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import day2ops.journal.FieldValue;
import day2ops.journal.Journal;
import day2ops.journal.JournalEntry;

/**
 * Read throughput of {@code journal/} with all fields, next to {@code journalctl -o export} and
 * {@code -o json} reading the same journal in the same run. One operation = one entry, so JMH's
 * ops/s are entries/s.
 *
 * <p>The journal: {@value #ENTRIES} entries of 11 fields (3 address fields, 8 payload fields shaped
 * like the Mesos container logger's, one of them binary), written by {@code systemd-journal-remote}
 * from a generated export stream into a temporary directory.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class JournalReadBenchmark {

    static final int ENTRIES = 500_000;

    private Path directory;

    @Setup(Level.Trial)
    public void buildJournal() throws IOException, InterruptedException {
        directory = Files.createTempDirectory("journal-jmh");
        Path remote = Stream.of("/lib/systemd/systemd-journal-remote", "/usr/lib/systemd/systemd-journal-remote")
                .map(Path::of).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IOException("systemd-journal-remote is needed (package systemd-journal-remote)"));
        Process p = new ProcessBuilder(remote.toString(), "--output=" + directory.resolve("bench.journal"),
                "--split-mode=none", "-")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] binary = {0, (byte) 0xff, '\n', 1, 2, 3};
        byte[] binaryLength = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(binary.length).array();
        try (OutputStream out = new BufferedOutputStream(p.getOutputStream(), 1 << 20)) {
            for (int i = 0; i < ENTRIES; i++) {
                out.write(("__REALTIME_TIMESTAMP=" + (1_700_000_000_000_000L + i) + "\n"
                        + "__MONOTONIC_TIMESTAMP=" + (1_000_000 + i) + "\n"
                        + "_BOOT_ID=0123456789abcdef0123456789abcdef\n"
                        + "MESSAGE=task output line " + i + " with some typical payload text in it\n"
                        + "PRIORITY=" + (i % 8) + "\n"
                        + "SYSLOG_IDENTIFIER=executor-" + (i % 17) + "\n"
                        + "FRAMEWORK_ID=a1b2c3d4-0000-4000-8000-00000000000" + (i % 7) + "-0001\n"
                        + "EXECUTOR_ID=executor-" + (i % 17) + "\n"
                        + "CONTAINER_ID=container-" + (i % 101) + "\n"
                        + "STREAM=" + (i % 3 == 0 ? "STDERR" : "STDOUT") + "\n"
                        + "BINARY_PAYLOAD\n").getBytes(StandardCharsets.UTF_8));
                out.write(binaryLength);
                out.write(binary);
                out.write("\n\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("systemd-journal-remote failed");
        }
    }

    @TearDown(Level.Trial)
    public void deleteJournal() throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    /** Every field of every entry through {@code Journal.entry()}: names and value bytes touched, nothing decoded. */
    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    public long bindingAllFields() {
        long bytes = 0;
        int count = 0;
        try (Journal journal = Journal.openDirectory(directory)) {
            journal.seekHead();
            while (journal.next()) {
                JournalEntry entry = journal.entry();
                for (int i = 0; i < entry.size(); i++) {
                    FieldValue value = entry.value(i);
                    bytes += entry.name(i).length() + value.length() + value.byteAt(value.length() - 1);
                }
                count++;
            }
        }
        return expect(count, bytes);
    }

    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    public long journalctlExport() throws IOException, InterruptedException {
        return journalctl("export");
    }

    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    public long journalctlJson() throws IOException, InterruptedException {
        return journalctl("json");
    }

    private long journalctl(String format) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("journalctl", "--directory=" + directory, "-o", format, "--no-pager")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("journalctl -o " + format + " failed");
        }
        return p.pid();
    }

    private static long expect(int count, long bytes) {
        if (count != ENTRIES) {
            throw new IllegalStateException("read " + count + " entries, expected " + ENTRIES);
        }
        return bytes;
    }
}
