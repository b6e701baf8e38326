package day2ops.diagnostics.cluster;

import day2ops.common.mesos.MesosMasterClient;
import day2ops.diagnostics.config.DiagnosticsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.List;
import java.util.Optional;

/**
 * Makes the one {@link ClusterDirectory} of the application, as configured: from the Mesos master when
 * {@code diagnostics.cluster.mesos-master-url} is set, else the static {@code diagnostics.cluster.nodes} list.
 */
@ApplicationScoped
public class ClusterDirectories {

    @Produces
    @ApplicationScoped
    ClusterDirectory clusterDirectory(DiagnosticsConfig config, NodePlaneClients clients) {
        DiagnosticsConfig.Cluster cluster = config.cluster();
        if (cluster.mesosMasterUrl().isPresent()) {
            MesosMasterClient mesos = new MesosMasterClient(cluster.mesosMasterUrl().get(), cluster.timeout(),
                    () -> Optional.ofNullable(clients.token()).map(token -> "token=" + token));
            return new MesosClusterDirectory(mesos, cluster.masters().orElse(List.of()), cluster.nodePort());
        }
        return new StaticClusterDirectory(config);
    }
}
