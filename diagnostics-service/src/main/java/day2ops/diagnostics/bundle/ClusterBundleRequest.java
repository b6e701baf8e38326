package day2ops.diagnostics.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import day2ops.diagnostics.cluster.ClusterNode;
import jakarta.ws.rs.BadRequestException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which nodes a cluster bundle covers: {@code {"masters":true,"agents":true}} (agents include public agents)
 * or {@code {"nodes":["10.0.0.1",…]}} by IP. An empty body means every node.
 */
public record ClusterBundleRequest(boolean masters, boolean agents, List<String> nodes) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("masters", "agents", "nodes");

    /** Parses the PUT body; 400 with the exact problem otherwise. */
    public static ClusterBundleRequest parse(String body) {
        if (body == null || body.isBlank()) {
            return new ClusterBundleRequest(true, true, List.of());
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new BadRequestException("request body is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new BadRequestException("request body must be a JSON object like {\"masters\":true,\"agents\":true} or {\"nodes\":[\"10.0.0.1\"]}");
        }
        List<String> unknown = new ArrayList<>();
        root.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw new BadRequestException("unknown field(s) " + unknown + "; expected masters, agents or nodes");
        }
        boolean masters = flag(root, "masters");
        boolean agents = flag(root, "agents");
        JsonNode nodesField = root.path("nodes");
        List<String> nodes = new ArrayList<>();
        if (!nodesField.isMissingNode() && !nodesField.isNull()) {
            if (!nodesField.isArray()) {
                throw new BadRequestException("\"nodes\" must be an array of node IPs");
            }
            for (JsonNode ip : nodesField) {
                if (!ip.isTextual() || ip.asText().isBlank()) {
                    throw new BadRequestException("\"nodes\" must be an array of node IPs");
                }
                nodes.add(ip.asText());
            }
        }
        if (!nodes.isEmpty() && (masters || agents)) {
            throw new BadRequestException("give either \"nodes\" or \"masters\"/\"agents\", not both");
        }
        if (nodes.isEmpty() && !masters && !agents) {
            throw new BadRequestException("no nodes selected: set \"masters\" and/or \"agents\" to true, or list \"nodes\"");
        }
        return new ClusterBundleRequest(masters, agents, List.copyOf(nodes));
    }

    private static boolean flag(JsonNode root, String name) {
        JsonNode value = root.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new BadRequestException("\"" + name + "\" must be true or false");
        }
        return value.booleanValue();
    }

    /** The nodes of {@code cluster} this request selects; 400 naming IPs the cluster does not have. */
    public List<ClusterNode> select(List<ClusterNode> cluster) {
        if (!nodes.isEmpty()) {
            Set<String> wanted = new LinkedHashSet<>(nodes);
            List<ClusterNode> selected = cluster.stream().filter(node -> wanted.contains(node.ip())).toList();
            selected.forEach(node -> wanted.remove(node.ip()));
            if (!wanted.isEmpty()) {
                throw new BadRequestException("not nodes of this cluster: " + String.join(", ", wanted));
            }
            return selected;
        }
        List<ClusterNode> selected = cluster.stream()
                .filter(node -> "master".equals(node.role()) ? masters : agents).toList();
        if (selected.isEmpty()) {
            throw new BadRequestException("the cluster has no " + (masters && agents ? "nodes" : masters ? "masters" : "agents"));
        }
        return selected;
    }
}
