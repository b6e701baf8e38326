package day2ops.logs.testing;

import day2ops.journal.testing.IsolatedJournald;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points the service under test at the isolated journald's namespace (started here, before the service). */
public class JournaldResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        IsolatedJournald journald = TestJournald.startIfPossible();
        if (journald == null) {
            return Map.of();
        }
        return Map.of("logs.journal-namespace", journald.namespace(),
                // Short, so the keep-alive test does not wait 15 s.
                "logs.ping-interval", "2s");
    }

    @Override
    public void stop() {
        // The journald outlives one application start: later test classes reuse it. Its shutdown hook stops it.
    }
}
