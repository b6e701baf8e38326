package day2ops.diagnostics.cluster;

import day2ops.diagnostics.config.DiagnosticsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The cluster as {@code diagnostics.cluster.nodes} lists it (plain systemd hosts, tests). */
@ApplicationScoped
public class StaticClusterDirectory implements ClusterDirectory {

    private static final Set<String> ROLES = Set.of("master", "agent", "agent_public");

    private final List<ClusterNode> nodes;

    public StaticClusterDirectory(DiagnosticsConfig config) {
        this.nodes = parse(config.cluster().nodes().orElse(List.of()), config.cluster().nodePort());
    }

    @Override
    public List<ClusterNode> nodes() {
        return nodes;
    }

    /**
     * Parses {@code role:ip[:port]} entries; masters first, then in the given order; an IP listed twice is an
     * error, as is an unknown role or a malformed port (the message names the entry).
     */
    public static List<ClusterNode> parse(List<String> entries, int defaultPort) {
        Map<String, ClusterNode> byIp = new LinkedHashMap<>();
        for (String raw : entries) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            String[] parts = entry.split(":", -1);
            if (parts.length < 2 || parts.length > 3 || parts[1].isBlank()) {
                throw new IllegalArgumentException("diagnostics.cluster.nodes entry '" + entry + "' is not role:ip[:port]");
            }
            String role = parts[0];
            if (!ROLES.contains(role)) {
                throw new IllegalArgumentException("diagnostics.cluster.nodes entry '" + entry + "' has role '" + role
                        + "', expected one of master, agent, agent_public");
            }
            int port = defaultPort;
            if (parts.length == 3) {
                try {
                    port = Integer.parseInt(parts[2]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("diagnostics.cluster.nodes entry '" + entry + "' has a malformed port");
                }
            }
            ClusterNode node;
            try {
                node = new ClusterNode(parts[1], role, parts[1], port);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("diagnostics.cluster.nodes entry '" + entry + "': " + e.getMessage());
            }
            if (byIp.putIfAbsent(node.ip(), node) != null) {
                throw new IllegalArgumentException("diagnostics.cluster.nodes lists " + node.ip() + " twice");
            }
        }
        List<ClusterNode> ordered = new ArrayList<>(byIp.values());
        ordered.sort(Comparator.comparing(node -> !"master".equals(node.role())));
        return List.copyOf(ordered);
    }
}
