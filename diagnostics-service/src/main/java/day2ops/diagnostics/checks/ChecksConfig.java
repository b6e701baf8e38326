package day2ops.diagnostics.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dcos-check-runner config:
 * {@code {"cluster_checks":{name:{description,cmd,timeout}},"node_checks":{"checks":{name:{description,cmd,timeout,roles}},
 * "prestart":[…],"poststart":[…]},"check_env":{…}}}. Every part is optional.
 */
public record ChecksConfig(Map<String, CheckDefinition> clusterChecks, Map<String, CheckDefinition> nodeChecks,
        List<String> prestart, List<String> poststart, Map<String, String> env) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static final ChecksConfig EMPTY = new ChecksConfig(Map.of(), Map.of(), List.of(), List.of(), Map.of());

    /** Parses and validates; the message of the {@link IllegalArgumentException} names the offending entry. */
    public static ChecksConfig parse(String json, Duration defaultTimeout) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("checks config is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("checks config must be a JSON object");
        }
        Map<String, CheckDefinition> cluster = checks(root.path("cluster_checks"), "cluster_checks", defaultTimeout, false);
        JsonNode node = root.path("node_checks");
        Map<String, CheckDefinition> nodeChecks = checks(node.path("checks"), "node_checks.checks", defaultTimeout, true);
        List<String> prestart = names(node.path("prestart"), "node_checks.prestart", nodeChecks);
        List<String> poststart = names(node.path("poststart"), "node_checks.poststart", nodeChecks);
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode envNode = root.path("check_env");
        if (!envNode.isMissingNode() && !envNode.isObject()) {
            throw new IllegalArgumentException("check_env must be an object of strings");
        }
        envNode.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw new IllegalArgumentException("check_env." + e.getKey() + " must be a string");
            }
            env.put(e.getKey(), e.getValue().asText());
        });
        return new ChecksConfig(cluster, nodeChecks, prestart, poststart, env);
    }

    private static Map<String, CheckDefinition> checks(JsonNode node, String where, Duration defaultTimeout, boolean withRoles) {
        Map<String, CheckDefinition> checks = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return checks;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + " must be an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode check = e.getValue();
            List<String> cmd = strings(check.path("cmd"), where + "." + name + ".cmd");
            if (cmd.isEmpty()) {
                throw new IllegalArgumentException(where + "." + name + ".cmd must be a non-empty array of strings");
            }
            Duration timeout = defaultTimeout;
            if (check.hasNonNull("timeout")) {
                try {
                    timeout = GoDuration.parse(check.get("timeout").asText());
                } catch (IllegalArgumentException bad) {
                    throw new IllegalArgumentException(where + "." + name + ".timeout: " + bad.getMessage());
                }
            }
            List<String> roles = withRoles ? strings(check.path("roles"), where + "." + name + ".roles") : List.of();
            checks.put(name, new CheckDefinition(name, check.path("description").asText(""), cmd, timeout, roles));
        }
        return checks;
    }

    private static List<String> names(JsonNode node, String where, Map<String, CheckDefinition> known) {
        List<String> names = strings(node, where);
        for (String name : names) {
            if (!known.containsKey(name)) {
                throw new IllegalArgumentException(where + " names an unknown check: " + name);
            }
        }
        return names;
    }

    private static List<String> strings(JsonNode node, String where) {
        List<String> values = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return values;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(where + " must be an array of strings");
        }
        for (JsonNode v : node) {
            if (!v.isTextual()) {
                throw new IllegalArgumentException(where + " must be an array of strings");
            }
            values.add(v.asText());
        }
        return values;
    }
}
