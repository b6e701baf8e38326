package day2ops.diagnostics.cluster;

import java.util.Objects;

/**
 * One node of the cluster as the master sees it: its IP (the node's identity in every cluster endpoint and in
 * bundle entry names), its DC/OS role, and where its node plane (gRPC on the diagnostics HTTP port) answers.
 */
public record ClusterNode(String ip, String role, String planeHost, int planePort) {

    public ClusterNode {
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(planeHost, "planeHost");
        if (planePort < 1 || planePort > 65535) {
            throw new IllegalArgumentException("node plane port out of range: " + planePort);
        }
    }

    /** {@code <ip>_<role>}: the node's folder in a cluster bundle, as dcos-diagnostics names it. */
    public String bundleFolder() {
        return ip + "_" + role;
    }
}
