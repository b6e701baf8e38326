package day2ops.universe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Marathon's app validation rules that a JSON schema cannot express, checked on an app that
 * already passed the AppDefinition schema (so shapes and types are known to be right).
 */
public final class MarathonAppRules {

    private static final Set<String> MESOS_DOCKER_FIELDS = Set.of("image", "forcePullImage", "pullConfig", "credential");
    private static final Set<String> HTTP_PROTOCOLS = Set.of("HTTP", "HTTPS", "MESOS_HTTP", "MESOS_HTTPS");

    private MarathonAppRules() {
    }

    /** Every broken rule, each message starting with the JSON path it is about. */
    public static List<String> check(JsonNode app) {
        List<String> problems = new ArrayList<>();
        checkCommand(app, problems);
        checkConstraints(app, problems);
        checkContainer(app, problems);
        checkNetworking(app, problems);
        checkHealthChecks(app, problems);
        checkSecrets(app, problems);
        return problems;
    }

    private static void checkCommand(JsonNode app, List<String> problems) {
        boolean hasCmd = app.has("cmd");
        boolean hasArgs = app.has("args");
        if (hasCmd && hasArgs) {
            problems.add("$: cmd and args are both set; Marathon accepts only one of them");
        }
        boolean hasImage = app.path("container").path("docker").has("image");
        if (!hasCmd && !hasArgs && !hasImage) {
            problems.add("$: neither cmd, args nor a container image is set, so the task has nothing to run");
        }
    }

    private static void checkConstraints(JsonNode app, List<String> problems) {
        JsonNode constraints = app.path("constraints");
        for (int i = 0; i < constraints.size(); i++) {
            JsonNode constraint = constraints.get(i);
            String at = "$.constraints[" + i + "]";
            String operator = constraint.get(1).asText();
            boolean hasValue = constraint.size() == 3;
            switch (operator) {
                case "UNIQUE" -> {
                    if (hasValue) {
                        problems.add(at + ": UNIQUE takes no value, found \"" + constraint.get(2).asText() + "\"");
                    }
                }
                case "CLUSTER", "IS" -> {
                    if (!hasValue || constraint.get(2).asText().isEmpty()) {
                        problems.add(at + ": " + operator + " needs a value to match");
                    }
                }
                case "LIKE", "UNLIKE" -> {
                    if (!hasValue) {
                        problems.add(at + ": " + operator + " needs a regular expression");
                    } else {
                        try {
                            Pattern.compile(constraint.get(2).asText());
                        } catch (PatternSyntaxException e) {
                            problems.add(at + ": " + operator + " value is not a regular expression: " + e.getDescription());
                        }
                    }
                }
                case "MAX_PER" -> {
                    if (!hasValue || !constraint.get(2).asText().matches("[1-9][0-9]*")) {
                        problems.add(at + ": MAX_PER needs a positive integer value");
                    }
                }
                case "GROUP_BY" -> {
                    if (hasValue && !constraint.get(2).asText().matches("[1-9][0-9]*")) {
                        problems.add(at + ": GROUP_BY value, when given, is the number of groups (a positive integer)");
                    }
                }
                default -> problems.add(at + ": unknown operator " + operator);
            }
        }
    }

    private static void checkContainer(JsonNode app, List<String> problems) {
        JsonNode container = app.path("container");
        if (container.isMissingNode()) {
            return;
        }
        String type = container.path("type").asText("DOCKER");
        JsonNode docker = container.path("docker");
        if ("DOCKER".equals(type) && docker.isMissingNode()) {
            problems.add("$.container: type DOCKER needs container.docker with an image");
        }
        if ("MESOS".equals(type) && docker.isObject()) {
            docker.fieldNames().forEachRemaining(field -> {
                if (!MESOS_DOCKER_FIELDS.contains(field)) {
                    problems.add("$.container.docker." + field + ": only the Docker containerizer (type DOCKER) supports it;"
                            + " with type MESOS the docker object may hold " + MESOS_DOCKER_FIELDS.stream().sorted().toList());
                }
            });
        }
        JsonNode volumes = container.path("volumes");
        for (int i = 0; i < volumes.size(); i++) {
            JsonNode volume = volumes.get(i);
            int kinds = (volume.has("hostPath") ? 1 : 0) + (volume.has("persistent") ? 1 : 0)
                    + (volume.has("external") ? 1 : 0) + (volume.has("secret") ? 1 : 0);
            String at = "$.container.volumes[" + i + "]";
            if (kinds != 1) {
                problems.add(at + ": a volume is exactly one of hostPath, persistent, external or secret, found " + kinds);
            }
            if ((volume.has("hostPath") || volume.has("persistent") || volume.has("external")) && !volume.has("mode")) {
                problems.add(at + ": mode (RO or RW) is required for host, persistent and external volumes");
            }
            if (volume.has("hostPath") && !volume.get("hostPath").asText().startsWith("/")) {
                problems.add(at + ".hostPath: must be an absolute path, found \"" + volume.get("hostPath").asText() + "\"");
            }
        }
        if (volumes.isArray()) {
            Set<String> paths = new HashSet<>();
            for (JsonNode volume : volumes) {
                if (!paths.add(volume.path("containerPath").asText())) {
                    problems.add("$.container.volumes: containerPath " + volume.path("containerPath").asText() + " is mounted twice");
                }
            }
        }
    }

    private static void checkNetworking(JsonNode app, List<String> problems) {
        JsonNode networks = app.path("networks");
        boolean hostMode = networks.isMissingNode() || networks.isEmpty()
                || "host".equals(networks.get(0).path("mode").asText("host"));
        for (JsonNode network : networks) {
            String mode = network.path("mode").asText("container");
            if (networks.size() > 1 && !"container".equals(mode)) {
                problems.add("$.networks: only several container networks can be combined; " + mode + " must stand alone");
            }
            if ("container".equals(mode) && !network.has("name")) {
                problems.add("$.networks: a container network needs a name");
            }
        }
        JsonNode containerPortMappings = app.path("container").path("portMappings");
        if (hostMode && containerPortMappings.size() > 0) {
            problems.add("$.container.portMappings: not allowed in host networking; use portDefinitions");
        }
        if (!hostMode && app.path("portDefinitions").size() > 0) {
            problems.add("$.portDefinitions: only for host networking; container networks use container.portMappings");
        }
        if (app.has("ports") && app.has("portDefinitions")) {
            problems.add("$: ports and portDefinitions are both set; ports is the deprecated form of portDefinitions");
        }
        JsonNode definitions = app.path("portDefinitions");
        Set<String> names = new HashSet<>();
        for (int i = 0; i < definitions.size(); i++) {
            JsonNode name = definitions.get(i).get("name");
            if (name != null && !names.add(name.asText())) {
                problems.add("$.portDefinitions[" + i + "].name: \"" + name.asText() + "\" is used by another port");
            }
        }
        if (app.path("requirePorts").asBoolean(false)) {
            for (int i = 0; i < definitions.size(); i++) {
                if (definitions.get(i).path("port").asInt() == 0) {
                    problems.add("$.portDefinitions[" + i + "].port: requirePorts needs a fixed host port, not 0");
                }
            }
        }
    }

    private static int portCount(JsonNode app) {
        if (app.has("portDefinitions")) {
            return app.get("portDefinitions").size();
        }
        if (app.has("ports")) {
            return app.get("ports").size();
        }
        return app.path("container").path("portMappings").size();
    }

    private static void checkHealthChecks(JsonNode app, List<String> problems) {
        JsonNode checks = app.path("healthChecks");
        int ports = portCount(app);
        for (int i = 0; i < checks.size(); i++) {
            JsonNode check = checks.get(i);
            String at = "$.healthChecks[" + i + "]";
            String protocol = check.path("protocol").asText("HTTP");
            if ("COMMAND".equals(protocol)) {
                if (!check.has("command")) {
                    problems.add(at + ": a COMMAND health check needs command.value");
                }
                continue;
            }
            if (check.has("command")) {
                problems.add(at + ".command: only COMMAND health checks run a command, this one is " + protocol);
            }
            if (check.has("port") && check.has("portIndex")) {
                problems.add(at + ": port and portIndex are both set; give one");
            }
            if (!check.has("port")) {
                int index = check.path("portIndex").asInt(0);
                if (index >= ports) {
                    problems.add(at + ".portIndex: " + index + " points past the app's " + ports + " port(s)");
                }
            }
            if (check.has("path") && !HTTP_PROTOCOLS.contains(protocol)) {
                problems.add(at + ".path: only HTTP(S) health checks use a path, this one is " + protocol);
            }
            if (check.has("timeoutSeconds") && check.has("intervalSeconds")
                    && check.get("timeoutSeconds").asInt() >= check.get("intervalSeconds").asInt()) {
                problems.add(at + ": timeoutSeconds must be smaller than intervalSeconds");
            }
        }
    }

    private static void checkSecrets(JsonNode app, List<String> problems) {
        JsonNode secrets = app.path("secrets");
        Set<String> used = new HashSet<>();
        app.path("env").properties().forEach(env -> {
            if (env.getValue().isObject()) {
                String secret = env.getValue().get("secret").asText();
                used.add(secret);
                if (!secrets.has(secret)) {
                    problems.add("$.env." + env.getKey() + ": refers to secret \"" + secret + "\", which $.secrets does not declare");
                }
            }
        });
        app.path("container").path("volumes").forEach(volume -> {
            if (volume.has("secret")) {
                String secret = volume.get("secret").asText();
                used.add(secret);
                if (!secrets.has(secret)) {
                    problems.add("$.container.volumes: refers to secret \"" + secret + "\", which $.secrets does not declare");
                }
            }
        });
        secrets.fieldNames().forEachRemaining(name -> {
            if (!used.contains(name)) {
                problems.add("$.secrets." + name + ": declared but no env variable or volume uses it");
            }
        });
    }
}
