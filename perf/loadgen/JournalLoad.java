/*
 * journald load generator: writes task log lines through journal/'s JournalWriter
 * (sd_journal_sendv) at a paced rate, then reads the journal back to count what journald
 * actually stored — so journald's rate limiting (or any loss) shows as accepted < sent.
 *
 * A single-file program (java launches it from source), run against the journal jar:
 *   CLASSPATH="$(perf/tools/journal-classpath.sh)" java perf/loadgen/JournalLoad.java \
 *        --rate 2000 --duration 10 --tasks 20 --sizes 80:70,400:25,4000:5 [--run-id ID]
 * (CLASSPATH rather than -cp: the command line lands in every entry's _CMDLINE field.)
 *
 * Every entry carries MESSAGE, PRIORITY, SYSLOG_IDENTIFIER=day2ops-perf, STREAM, the Mesos task
 * fields FRAMEWORK_ID/EXECUTOR_ID/CONTAINER_ID/AGENT_ID (one of --tasks combinations, round
 * robin), PERF_RUN_ID (this run), PERF_SEQ (0..n-1) and PERF_SENT_US (wall clock at send, for
 * follow latency). The last line on stdout is one JSON object with every figure.
 */

import day2ops.journal.FieldName;
import day2ops.journal.FieldValue;
import day2ops.journal.Journal;
import day2ops.journal.JournalException;
import day2ops.journal.JournalWriter;
import day2ops.journal.OpenFlag;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

public final class JournalLoad {

    record SizeBucket(int bytes, int weight) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        double rate = Double.parseDouble(opts.getOrDefault("rate", "1000"));
        double duration = Double.parseDouble(opts.getOrDefault("duration", "10"));
        int tasks = Integer.parseInt(opts.getOrDefault("tasks", "10"));
        List<SizeBucket> sizes = parseSizes(opts.getOrDefault("sizes", "80:70,400:25,4000:5"));
        String runId = opts.getOrDefault("run-id", "perf-" + UUID.randomUUID().toString().substring(0, 8));
        double settleSeconds = Double.parseDouble(opts.getOrDefault("readback-timeout", "15"));
        if (rate <= 0 || duration <= 0 || tasks <= 0) {
            throw new IllegalArgumentException("--rate, --duration and --tasks must be positive");
        }

        String[][] taskFields = new String[tasks][];
        for (int t = 0; t < tasks; t++) {
            String fw = "perf-framework-" + (t % 4);
            taskFields[t] = new String[] {fw, "perf-executor-" + t, "perf-container-" + t, "perf-agent-S" + (t % 3)};
        }
        int totalWeight = sizes.stream().mapToInt(SizeBucket::weight).sum();
        byte[] filler = filler(sizes.stream().mapToInt(SizeBucket::bytes).max().orElse(80));
        SplittableRandom random = new SplittableRandom(42);

        long planned = Math.round(rate * duration);
        long sent = 0;
        long sendErrors = 0;
        String firstError = null;
        long bytesSent = 0;
        long[] perBucket = new long[sizes.size()];
        JournalWriter writer = JournalWriter.create();
        long start = System.nanoTime();
        long intervalNanos = (long) (1e9 / rate);
        long maxBehind = 0;
        while (sent < planned) {
            long due = start + sent * intervalNanos;
            long now = System.nanoTime();
            if (now < due) {
                LockSupport.parkNanos(Math.min(due - now, 1_000_000));
                continue;
            }
            maxBehind = Math.max(maxBehind, now - due);
            int pick = random.nextInt(totalWeight);
            int bucket = 0;
            while (pick >= sizes.get(bucket).weight()) {
                pick -= sizes.get(bucket).weight();
                bucket++;
            }
            int size = sizes.get(bucket).bytes();
            String[] task = taskFields[(int) (sent % tasks)];
            String prefix = runId + " seq=" + sent + " ";
            byte[] message = new byte[Math.max(size, prefix.length())];
            byte[] prefixBytes = prefix.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(prefixBytes, 0, message, 0, prefixBytes.length);
            System.arraycopy(filler, 0, message, prefixBytes.length, message.length - prefixBytes.length);
            try {
                writer.add("MESSAGE", message)
                        .add("PRIORITY", "6")
                        .add("SYSLOG_IDENTIFIER", "day2ops-perf")
                        .add("STREAM", (sent & 1) == 0 ? "STDOUT" : "STDERR")
                        .add("FRAMEWORK_ID", task[0])
                        .add("EXECUTOR_ID", task[1])
                        .add("CONTAINER_ID", task[2])
                        .add("AGENT_ID", task[3])
                        .add("PERF_RUN_ID", runId)
                        .add("PERF_SEQ", Long.toString(sent))
                        .add("PERF_SENT_US", Long.toString(System.currentTimeMillis() * 1000))
                        .send();
                bytesSent += message.length;
                perBucket[bucket]++;
            } catch (JournalException e) {
                writer.clear();
                sendErrors++;
                if (firstError == null) {
                    firstError = e.getMessage();
                }
            }
            sent++;
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;

        // Read back: count this run's entries until the count stops growing (journald may still be
        // draining its socket) or the timeout passes.
        long accepted = 0;
        long firstUs = 0;
        long lastUs = 0;
        long duplicates = 0;
        long readStart = System.nanoTime();
        long lastGrowth = readStart;
        FieldName seqField = FieldName.of("PERF_SEQ");
        while (true) {
            long count = 0;
            long first = 0;
            long last = 0;
            java.util.BitSet seen = new java.util.BitSet();
            long dup = 0;
            try (Journal journal = Journal.openLocal(OpenFlag.LOCAL_ONLY)) {
                journal.addMatch("PERF_RUN_ID", runId);
                journal.seekHead();
                while (journal.next()) {
                    count++;
                    long us = journal.realtimeMicros();
                    if (first == 0) {
                        first = us;
                    }
                    last = us;
                    FieldValue seq = journal.get(seqField);
                    if (seq != null) {
                        int s = Integer.parseInt(seq.asString());
                        if (seen.get(s)) {
                            dup++;
                        }
                        seen.set(s);
                    }
                }
            }
            if (count > accepted) {
                lastGrowth = System.nanoTime();
            }
            accepted = count;
            firstUs = first;
            lastUs = last;
            duplicates = dup;
            long sinceGrowth = System.nanoTime() - lastGrowth;
            long sinceStart = System.nanoTime() - readStart;
            if (accepted >= sent - sendErrors || sinceGrowth > 2_000_000_000L || sinceStart > settleSeconds * 1e9) {
                break;
            }
            Thread.sleep(250);
        }

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run_id", runId);
        out.put("target_lines_per_s", rate);
        out.put("duration_s", duration);
        out.put("tasks", tasks);
        out.put("sizes", opts.getOrDefault("sizes", "80:70,400:25,4000:5"));
        out.put("sent", sent);
        out.put("send_errors", sendErrors);
        out.put("first_send_error", firstError);
        out.put("send_seconds", round(sendSeconds));
        out.put("achieved_send_lines_per_s", round(sent / sendSeconds));
        out.put("max_behind_schedule_ms", round(maxBehind / 1e6));
        out.put("message_bytes_sent", bytesSent);
        List<String> bucketCounts = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) {
            bucketCounts.add(sizes.get(i).bytes() + "B:" + perBucket[i]);
        }
        out.put("lines_per_size", String.join(",", bucketCounts));
        out.put("accepted", accepted);
        out.put("duplicates", duplicates);
        out.put("lost_or_rate_limited", sent - sendErrors - accepted);
        out.put("accepted_fraction", round(sent == 0 ? 0 : (double) accepted / sent));
        double spanSeconds = (lastUs - firstUs) / 1e6;
        out.put("accepted_lines_per_s", round(spanSeconds > 0 ? accepted / Math.max(spanSeconds, sendSeconds) : 0));
        System.out.println(toJson(out));
        if (sendErrors == sent && sent > 0) {
            System.exit(2);
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static byte[] filler(int size) {
        byte[] b = new byte[size];
        String words = "the quick brown fox jumps over the lazy dog while the scheduler offers resources ";
        for (int i = 0; i < size; i++) {
            b[i] = (byte) words.charAt(i % words.length());
        }
        return b;
    }

    private static List<SizeBucket> parseSizes(String spec) {
        List<SizeBucket> buckets = new ArrayList<>();
        for (String part : spec.split(",")) {
            String[] kv = part.trim().split(":");
            if (kv.length != 2) {
                throw new IllegalArgumentException("--sizes wants BYTES:WEIGHT[,BYTES:WEIGHT...], got '" + spec + "'");
            }
            buckets.add(new SizeBucket(Integer.parseInt(kv[0]), Integer.parseInt(kv[1])));
        }
        return buckets;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: JournalLoad [--rate N] [--duration S] [--tasks K] "
                        + "[--sizes BYTES:WEIGHT,...] [--run-id ID] [--readback-timeout S]; bad argument '" + args[i] + "'");
            }
            opts.put(args[i].substring(2), args[++i]);
        }
        return opts;
    }

    private static String toJson(Map<String, Object> map) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Object> e : map.entrySet()) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append('"').append(e.getKey()).append("\": ");
            Object v = e.getValue();
            if (v == null) {
                sb.append("null");
            } else if (v instanceof Number) {
                sb.append(String.format(Locale.ROOT, "%s", v));
            } else {
                sb.append('"').append(v.toString().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return sb.append('}').toString();
    }
}
