package day2ops.metrics.health;

import day2ops.common.health.PathReadiness;
import day2ops.metrics.config.MetricsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the node collectors' main source, {@code <procfs>/stat}, can be read. */
@Readiness
@ApplicationScoped
public class ProcfsReadinessCheck implements HealthCheck {

    private final MetricsConfig config;

    public ProcfsReadinessCheck(MetricsConfig config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        return PathReadiness.firstUsable("procfs", PathReadiness.Need.READABLE, List.of(config.procfs().resolve("stat")));
    }
}
