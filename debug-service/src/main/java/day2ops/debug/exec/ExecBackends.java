package day2ops.debug.exec;

import day2ops.debug.config.DebugConfig;
import day2ops.debug.exec.local.LocalNamespaceBackend;
import day2ops.debug.exec.mesos.MesosAgentBackend;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Optional;

/** Chooses the exec backend from {@code debug.exec.backend}. */
@ApplicationScoped
public class ExecBackends {

    @Produces
    @ApplicationScoped
    ExecBackend backend(DebugConfig config, LocalNamespaceBackend local) {
        return switch (config.exec().backend()) {
            case LOCAL -> local;
            case MESOS -> new MesosAgentBackend(config.mesos().agentUrl().orElseThrow(() -> new IllegalStateException(
                    "debug.exec.backend=mesos needs debug.mesos.agent-url")),
                    Optional.empty(), config.mesos().heartbeat(), config.exec().path());
        };
    }
}
