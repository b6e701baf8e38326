package day2ops.diagnostics.cluster;

import day2ops.diagnostics.config.DiagnosticsConfig;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The cluster as {@code diagnostics.cluster.nodes} lists it (plain systemd hosts, tests). Not a bean of its own:
 * {@link ClusterDirectories} makes the one {@link ClusterDirectory} the configuration asks for.
 */
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
        NodeEntries nodes = new NodeEntries("diagnostics.cluster.nodes");
        for (String raw : entries) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            String[] parts = entry.split(":", -1);
            if (parts.length < 2 || parts.length > 3 || parts[1].isBlank()) {
                throw nodes.invalid(entry, "is not role:ip[:port]");
            }
            String role = parts[0];
            if (!ROLES.contains(role)) {
                throw nodes.invalid(entry, "has role '" + role + "', expected one of master, agent, agent_public");
            }
            nodes.add(entry, parts[1], role, nodes.port(entry, parts.length == 3 ? parts[2] : null, defaultPort));
        }
        List<ClusterNode> ordered = nodes.nodes();
        ordered.sort(Comparator.comparing(node -> !"master".equals(node.role())));
        return List.copyOf(ordered);
    }
}
