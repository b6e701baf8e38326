package day2ops.common.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import day2ops.journal.testing.IsolatedJournald;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.opentest4j.TestAbortedException;

/**
 * A real journald (journal's {@link IsolatedJournald}, a private namespace) that audit records of the code
 * under test are written to — {@code day2ops.audit.socket} points at it, see {@link AuditJournalResource} —
 * and read back from with {@code journalctl}, exactly as operators query them. Started once per test JVM,
 * stopped by its shutdown hook. On a machine that cannot run it, tests that need it are aborted with the reason.
 */
public final class AuditJournal {

    private static final ObjectMapper JSON = new ObjectMapper();
    // journald runs under setpriv --pdeathsig, which fires when the *thread* that started it ends: start it
    // from a thread that lives as long as the JVM (Quarkus starts test resources on short-lived threads).
    private static final ExecutorService PARENT = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "audit-journald-parent");
        t.setDaemon(true);
        return t;
    });

    private static IsolatedJournald journald;
    private static String unavailable;

    private AuditJournal() {
    }

    /** The running journald, or {@code null} (reason printed once) when this machine cannot run one. */
    static synchronized IsolatedJournald startIfPossible() {
        if (journald == null && unavailable == null) {
            unavailable = IsolatedJournald.unavailableReason();
            if (unavailable != null) {
                System.err.println("[audit tests] SKIPPING tests that read audit records from journald: " + unavailable);
                return null;
            }
            try {
                journald = PARENT.submit(IsolatedJournald::start).get();
            } catch (Exception e) {
                unavailable = "could not start the isolated journald: " + e;
                System.err.println("[audit tests] " + unavailable);
            }
        }
        return journald;
    }

    private static IsolatedJournald get() {
        IsolatedJournald j = startIfPossible();
        if (j == null) {
            throw new TestAbortedException("no isolated journald on this machine: " + unavailable);
        }
        return j;
    }

    /** journald's native socket of the namespace: the value of {@code day2ops.audit.socket}. */
    public static Path socket() {
        return Path.of("/run/systemd/journal." + get().namespace(), "socket");
    }

    /** {@code journalctl --namespace=NS -o json ARGS…}, one map of fields per record (binary values as their bytes). */
    public static List<Map<String, String>> query(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("-o", "json"));
        command.addAll(List.of(args));
        List<Map<String, String>> records = new ArrayList<>();
        for (String line : get().journalctl(command.toArray(String[]::new))) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, String> record = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = JSON.readTree(line).fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                if (value.isArray()) {
                    byte[] bytes = new byte[value.size()];
                    for (int i = 0; i < bytes.length; i++) {
                        bytes[i] = (byte) value.get(i).asInt();
                    }
                    record.put(field.getKey(), new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
                } else {
                    record.put(field.getKey(), value.asText());
                }
            }
            records.add(record);
        }
        return records;
    }

    /** Waits (up to 60 s) until {@link #query} finds at least {@code count} records, and returns them. */
    public static List<Map<String, String>> await(int count, String... args) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<Map<String, String>> records = query(args);
        while (records.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
            records = query(args);
        }
        if (records.size() < count) {
            throw new AssertionError("expected " + count + " audit records for " + List.of(args) + ", found " + records);
        }
        return records;
    }
}
