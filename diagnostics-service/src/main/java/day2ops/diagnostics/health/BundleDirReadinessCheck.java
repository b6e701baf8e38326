package day2ops.diagnostics.health;

import day2ops.common.health.PathReadiness;
import day2ops.diagnostics.config.DiagnosticsConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/** Ready when bundles can be written: the bundle directory exists and is writable. */
@Readiness
@ApplicationScoped
public class BundleDirReadinessCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(BundleDirReadinessCheck.class);

    private final DiagnosticsConfig config;

    public BundleDirReadinessCheck(DiagnosticsConfig config) {
        this.config = config;
    }

    void createBundleDir(@Observes StartupEvent startup) {
        try {
            Files.createDirectories(config.bundleDir());
        } catch (IOException e) {
            // Not fatal: readiness stays down and says why, so the operator sees it.
            LOG.errorf("cannot create bundle directory %s: %s", config.bundleDir(), e.getMessage());
        }
    }

    @Override
    public HealthCheckResponse call() {
        return PathReadiness.firstUsable("bundle-dir", PathReadiness.Need.WRITABLE_DIRECTORY, List.of(config.bundleDir()));
    }
}
