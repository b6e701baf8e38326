package day2ops.metrics.service;

import day2ops.metrics.config.MetricsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Who this node is, for the {@code mesos_id}, {@code cluster_id} and {@code hostname} dimensions. */
@ApplicationScoped
public class NodeIdentity {

    private final String hostname;
    private final String mesosId;
    private final String clusterId;

    public NodeIdentity(MetricsConfig config) {
        this.hostname = config.hostname().orElseGet(NodeIdentity::localHostname);
        this.mesosId = config.mesosId().orElse("");
        this.clusterId = config.clusterId().orElse(null);
    }

    public String hostname() {
        return hostname;
    }

    public String mesosId() {
        return mesosId;
    }

    /** The cluster id, or null when not configured. */
    public String clusterId() {
        return clusterId;
    }

    private static String localHostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
