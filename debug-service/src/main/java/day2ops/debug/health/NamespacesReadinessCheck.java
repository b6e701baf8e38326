package day2ops.debug.health;

import day2ops.common.health.PathReadiness;
import day2ops.debug.config.DebugConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when process namespaces are visible through procfs (exec enters a task's namespaces). */
@Readiness
@ApplicationScoped
public class NamespacesReadinessCheck implements HealthCheck {

    private final DebugConfig config;

    public NamespacesReadinessCheck(DebugConfig config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        return PathReadiness.firstUsable("namespaces", PathReadiness.Need.READABLE,
                List.of(config.procfs().resolve("self/ns/pid")));
    }
}
