package day2ops.diagnostics.cluster;

import day2ops.diagnostics.NodeHealth;
import java.util.Objects;

/**
 * What one pull learnt about one node: its unit health as it reported it, or why it could not be asked.
 *
 * @param health the node's answer; {@code null} when {@code error} says why there is none
 * @param error  why the node's health is unknown (unreachable, refused the token, its systemd unreachable …)
 */
public record NodeHealthOutcome(ClusterNode node, NodeHealth health, String error) {

    public NodeHealthOutcome {
        Objects.requireNonNull(node, "node");
        if ((health == null) == (error == null)) {
            throw new IllegalArgumentException("exactly one of health and error must be given");
        }
    }

    public static NodeHealthOutcome answered(ClusterNode node, NodeHealth health) {
        return new NodeHealthOutcome(node, health, null);
    }

    public static NodeHealthOutcome failed(ClusterNode node, String error) {
        return new NodeHealthOutcome(node, null, error);
    }
}
