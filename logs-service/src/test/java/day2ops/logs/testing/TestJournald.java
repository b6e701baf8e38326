package day2ops.logs.testing;

import day2ops.journal.testing.IsolatedJournald;
import org.opentest4j.TestAbortedException;

/**
 * The one {@link IsolatedJournald} of a test run, started on first use (by {@link JournaldResource},
 * before the service starts) and stopped by its shutdown hook when the test JVM exits. On a machine
 * that cannot run it, tests that need it are aborted with the reason, never passed silently.
 */
public final class TestJournald {

    private static final java.util.concurrent.ExecutorService PARENT = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "isolated-journald-parent");
        t.setDaemon(true);
        return t;
    });

    private static IsolatedJournald journald;
    private static String unavailable;

    private TestJournald() {
    }

    /** The running journald, or {@code null} (with the reason printed once) when this machine cannot run one. */
    static synchronized IsolatedJournald startIfPossible() {
        if (journald == null && unavailable == null) {
            unavailable = IsolatedJournald.unavailableReason();
            if (unavailable != null) {
                System.err.println("[logs-service tests] SKIPPING tests that need a real journald: " + unavailable);
                return null;
            }
            try {
                // journald runs under setpriv --pdeathsig, which fires when the *thread* that started it
                // ends; Quarkus starts test resources on short-lived threads, so start it from one that lives
                // as long as the JVM.
                journald = PARENT.submit(IsolatedJournald::start).get();
            } catch (Exception e) {
                unavailable = "could not start the isolated journald: " + e;
                System.err.println("[logs-service tests] " + unavailable);
            }
        }
        return journald;
    }

    /** The running journald; aborts the calling test when there is none. */
    public static IsolatedJournald get() {
        IsolatedJournald j = startIfPossible();
        if (j == null) {
            throw new TestAbortedException("no isolated journald on this machine: " + unavailable);
        }
        return j;
    }
}
