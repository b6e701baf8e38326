package day2ops.diagnostics.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nodes read from a configured list ({@code diagnostics.cluster.nodes}, {@code diagnostics.cluster.masters}), in
 * the order given, keyed by IP. Every error is an {@link IllegalArgumentException} naming the setting and the
 * entry.
 */
final class NodeEntries {

    private final String setting;
    private final Map<String, ClusterNode> byIp = new LinkedHashMap<>();

    /** @param setting the configuration key the entries come from, for messages */
    NodeEntries(String setting) {
        this.setting = setting;
    }

    IllegalArgumentException invalid(String entry, String problem) {
        return new IllegalArgumentException(setting + " entry '" + entry + "' " + problem);
    }

    /** {@code field} as a port, or {@code defaultPort} when the entry has no such field (null). */
    int port(String entry, String field, int defaultPort) {
        if (field == null) {
            return defaultPort;
        }
        try {
            return Integer.parseInt(field);
        } catch (NumberFormatException e) {
            throw invalid(entry, "has a malformed port");
        }
    }

    /** Adds the node {@code ip} of {@code role}; a node {@link ClusterNode} rejects or an IP listed twice is an error. */
    void add(String entry, String ip, String role, int port) {
        ClusterNode node;
        try {
            node = new ClusterNode(ip, role, ip, port);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " entry '" + entry + "': " + e.getMessage());
        }
        if (byIp.putIfAbsent(node.ip(), node) != null) {
            throw new IllegalArgumentException(setting + " lists " + node.ip() + " twice");
        }
    }

    List<ClusterNode> nodes() {
        return new ArrayList<>(byIp.values());
    }
}
