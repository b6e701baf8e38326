package day2ops.metrics.container;

import day2ops.common.mesos.MesosAgentClient;
import day2ops.metrics.config.MetricsConfig;
import java.util.Optional;
import java.util.function.Supplier;

/** Builds the Mesos agent client from {@code metrics.mesos.*}, with the service account token when configured. */
public final class MesosAgentClients {

    private MesosAgentClients() {
    }

    public static MesosAgentClient create(MetricsConfig.Mesos mesos) {
        Supplier<Optional<String>> authorization = mesos.tokenFile()
                .map(MesosAgentClient::serviceAccountToken)
                .orElse(Optional::empty);
        return new MesosAgentClient(mesos.agentUrl(), mesos.timeout(), authorization);
    }
}
