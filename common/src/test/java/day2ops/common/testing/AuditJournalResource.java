package day2ops.common.testing;

import day2ops.journal.testing.IsolatedJournald;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points the service under test's audit records at {@link AuditJournal}'s journald
 * ({@code day2ops.audit.socket}), for {@code @QuarkusTest} and {@code @QuarkusIntegrationTest} alike.
 */
public class AuditJournalResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        IsolatedJournald journald = AuditJournal.startIfPossible();
        return journald == null ? Map.of() : Map.of("day2ops.audit.socket", AuditJournal.socket().toString());
    }

    @Override
    public void stop() {
        // The journald outlives one application start: later test classes reuse it. Its shutdown hook stops it.
    }
}
