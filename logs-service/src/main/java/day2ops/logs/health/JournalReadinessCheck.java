package day2ops.logs.health;

import day2ops.common.health.PathReadiness;
import day2ops.logs.config.LogsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when journald's storage is there to read. */
@Readiness
@ApplicationScoped
public class JournalReadinessCheck implements HealthCheck {

    private final LogsConfig config;

    public JournalReadinessCheck(LogsConfig config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        return PathReadiness.firstUsable("journal", PathReadiness.Need.READABLE, config.journalDirectories());
    }
}
