package day2ops.journal;

import day2ops.journal.testing.IsolatedJournald;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.byref.NumberByReference;
import jnr.ffi.byref.PointerByReference;
import jnr.ffi.TypeAlias;

/**
 * Read throughput, measured (not asserted): this binding's read loop, a naive jnr-ffi loop, and
 * {@code journalctl -o export} / {@code -o json} on the same journal file in the same run.
 *
 * <p>The journal is built by {@code systemd-journal-remote} from a generated export stream: N entries of 11
 * fields (3 address fields plus 8 payload fields like the Mesos container logger's). Not a unit test;
 * run it by hand (see README, "Performance").
 *
 * <pre>java -cp … day2ops.journal.ReadThroughput [entries=500000] [rounds=3]</pre>
 */
public final class ReadThroughput {

    private ReadThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("journal-throughput");
        try {
            Path file = build(dir, entries);
            System.out.printf(Locale.ROOT, "journal: %s, %d entries, %d files%n", file, entries, Files.list(file).count());
            double optimized = 0;
            double naive = 0;
            double export = 0;
            double json = 0;
            for (int round = 1; round <= rounds; round++) {
                optimized = Math.max(optimized, rate(entries, () -> readOptimized(file, entries)));
                naive = Math.max(naive, rate(entries, () -> readNaive(file, entries)));
                export = Math.max(export, rate(entries, () -> journalctl(file, "export")));
                json = Math.max(json, rate(entries, () -> journalctl(file, "json")));
                System.out.printf(Locale.ROOT, "round %d best so far: optimized %.0f/s, naive %.0f/s,"
                        + " journalctl -o export %.0f/s, -o json %.0f/s%n", round, optimized, naive, export, json);
            }
            System.out.printf(Locale.ROOT, "RESULT entries/s: binding %.0f | naive jnr %.0f | journalctl -o export %.0f"
                    + " | journalctl -o json %.0f | binding/export %.2fx | binding/json %.2fx | binding/naive %.2fx%n",
                    optimized, naive, export, json, optimized / export, optimized / json, optimized / naive);
        } finally {
            IsolatedJournald.deleteTree(dir);
        }
    }

    interface Run {
        void run() throws Exception;
    }

    private static double rate(int entries, Run run) throws Exception {
        long start = System.nanoTime();
        run.run();
        return entries / ((System.nanoTime() - start) / 1e9);
    }

    /** This module's loop: every field of every entry, as byte views; nothing decoded, nothing allocated. */
    static void readOptimized(Path file, int expected) {
        long bytes = 0;
        int count = 0;
        try (Journal journal = Journal.openDirectory(file)) {
            journal.seekHead();
            while (journal.next()) {
                JournalEntry entry = journal.entry();
                for (int i = 0; i < entry.size(); i++) {
                    bytes += entry.value(i).length() + entry.name(i).length();
                }
                count++;
            }
        }
        check(count, expected, bytes);
    }

    /** The usual way to bind sd-journal with jnr-ffi: by-reference parameters, String field names. */
    public interface NaiveLibsystemd {
        int sd_journal_open_directory(PointerByReference ret, String path, int flags);

        int sd_journal_seek_head(Pointer journal);

        int sd_journal_next(Pointer journal);

        void sd_journal_restart_data(Pointer journal);

        int sd_journal_enumerate_data(Pointer journal, PointerByReference data, NumberByReference length);

        void sd_journal_close(Pointer journal);
    }

    private static NaiveLibsystemd naiveBinding;

    /**
     * What a straightforward jnr-ffi binding does: by-reference objects per call, a {@code String} per
     * field, a map per entry.
     */
    static void readNaive(Path file, int expected) {
        if (naiveBinding == null) {
            naiveBinding = LibraryLoader.create(NaiveLibsystemd.class).load(Native.DEFAULT_LIBRARY);
        }
        NaiveLibsystemd sd = naiveBinding;
        long bytes = 0;
        int count = 0;
        PointerByReference ret = new PointerByReference();
        if (sd.sd_journal_open_directory(ret, file.toString(), 0) < 0) {
            throw new IllegalStateException("sd_journal_open_directory");
        }
        Pointer j = ret.getValue();
        try {
            sd.sd_journal_seek_head(j);
            while (sd.sd_journal_next(j) > 0) {
                Map<String, String> fields = new HashMap<>();
                sd.sd_journal_restart_data(j);
                while (true) {
                    PointerByReference data = new PointerByReference();
                    NumberByReference length = new NumberByReference(TypeAlias.size_t);
                    if (sd.sd_journal_enumerate_data(j, data, length) <= 0) {
                        break;
                    }
                    byte[] raw = new byte[length.intValue()];
                    data.getValue().get(0, raw, 0, raw.length);
                    String field = new String(raw, StandardCharsets.UTF_8);
                    int eq = field.indexOf('=');
                    fields.put(field.substring(0, eq), field.substring(eq + 1));
                }
                for (Map.Entry<String, String> f : fields.entrySet()) {
                    bytes += f.getKey().length() + f.getValue().length();
                }
                count++;
            }
        } finally {
            sd.sd_journal_close(j);
        }
        check(count, expected, bytes);
    }

    private static void journalctl(Path file, String format) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("journalctl", "--directory=" + file, "-o", format, "--no-pager")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("journalctl -o " + format + " failed");
        }
    }

    private static void check(int count, int expected, long bytes) {
        if (count != expected || bytes <= 0) {
            throw new IllegalStateException("read " + count + " entries, expected " + expected);
        }
    }

    /** Builds the journal file with systemd-journal-remote from an export stream on its stdin. */
    static Path build(Path dir, int entries) throws IOException, InterruptedException {
        Path remote = IsolatedJournald.find(IsolatedJournald.JOURNAL_REMOTE);
        if (remote == null) {
            throw new IOException("systemd-journal-remote is needed (package systemd-journal-remote)");
        }
        // journal-remote rotates when a file's hash tables fill up, so the journal is a directory of files.
        Path file = dir.resolve("throughput.journal");
        Process p = new ProcessBuilder(remote.toString(), "--output=" + file, "--split-mode=none", "-")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (OutputStream out = new java.io.BufferedOutputStream(p.getOutputStream(), 1 << 20)) {
            long realtime = 1_700_000_000_000_000L;
            byte[] binary = new byte[] {0, (byte) 0xff, '\n', 1, 2, 3};
            for (int i = 0; i < entries; i++) {
                out.write(("__REALTIME_TIMESTAMP=" + (realtime + i) + "\n"
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
                out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(binary.length).array());
                out.write(binary);
                out.write("\n\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("systemd-journal-remote failed");
        }
        return dir;
    }
}
