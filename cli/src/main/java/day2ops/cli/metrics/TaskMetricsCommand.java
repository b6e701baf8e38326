package day2ops.cli.metrics;

import day2ops.cli.api.AgentOption;
import day2ops.cli.api.ApiException;
import day2ops.cli.api.CliException;
import day2ops.cli.api.ClusterClient;
import day2ops.cli.api.ClusterOptions;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code day2 task metrics TASK}: a task's container and app metrics. The Metrics API has no task → container
 * lookup, so the container is found from the node's container list ({@code /v0/containers}) and each
 * container's dimensions ({@code task_id}, {@code task_name}).
 */
@Command(name = "metrics",
        mixinStandardHelpOptions = true,
        description = {"Show a task's container metrics (CPU time, memory, disk, network) and its app metrics.",
            "Looks the task up among the containers of the node (--agent for another node).",
            "Example: day2 task metrics team_app.6f1c --agent 9f3c-S1"})
public class TaskMetricsCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Mixin
    AgentOption agent;

    @Parameters(index = "0", paramLabel = "TASK", description = "Task id, task name, or a unique part of a task id.")
    String task;

    @Option(names = "--json", description = "Print {\"container_id\",\"container\",\"app\"} with the API's JSON as it came.")
    boolean json;

    @Override
    public Integer call() {
        ClusterClient client = cluster.client();
        String base = agent.servicePath("metrics") + "/v0/containers";
        JsonStructure ids = client.getJson(base);
        Map<String, JsonObject> containers = new LinkedHashMap<>();
        if (ids != null && !(ids instanceof JsonArray)) {
            throw new CliException(client.uri(base) + " answered " + ids.getValueType() + " instead of a list of container ids");
        }
        if (ids != null) {
            for (JsonValue id : ids.asJsonArray()) {
                if (id instanceof JsonString s) {
                    JsonObject message = containerMetrics(client, base + "/" + ClusterClient.segment(s.getString()));
                    if (message != null) {
                        containers.put(s.getString(), message);
                    }
                }
            }
        }
        String containerId = ContainerLookup.find(task, containers);
        JsonObject container = containers.get(containerId);
        JsonStructure app = client.getJson(base + "/" + ClusterClient.segment(containerId) + "/app");
        if (json) {
            JsonObjectBuilder out = Json.createObjectBuilder().add("container_id", containerId).add("container", container);
            out.add("app", app == null ? JsonValue.NULL : app);
            System.out.println(out.build());
            return 0;
        }
        StringBuilder out = new StringBuilder(MetricsTable.render("container " + containerId, container));
        out.append('\n');
        if (!(app instanceof JsonObject appMessage) || !(appMessage.get("datapoints") instanceof JsonArray points)
                || points.isEmpty()) {
            out.append("app metrics: none (the task sends no StatsD and exposes no labelled Prometheus endpoint)\n");
        } else {
            out.append(MetricsTable.render("app metrics", appMessage));
        }
        System.out.print(out);
        return 0;
    }

    /** One container's metrics; {@code null} when it vanished (204) or the caller may not read it (403). */
    private static JsonObject containerMetrics(ClusterClient client, String path) {
        try {
            JsonStructure message = client.getJson(path);
            return message == null ? null : message.asJsonObject();
        } catch (ApiException e) {
            if (e.status() == 403) {
                return null;
            }
            throw e;
        }
    }

    /** Task → container id from the containers' dimensions. */
    static final class ContainerLookup {

        private ContainerLookup() {
        }

        /**
         * The container whose {@code task_id} or {@code task_name} equals {@code task}, else the one whose
         * {@code task_id} contains it; none or several is an error naming what there is.
         */
        static String find(String task, Map<String, JsonObject> containers) {
            List<String> exact = new ArrayList<>();
            List<String> partial = new ArrayList<>();
            containers.forEach((id, message) -> {
                JsonObject dimensions = message.get("dimensions") instanceof JsonObject d ? d : JsonValue.EMPTY_JSON_OBJECT;
                String taskId = dimensions.getString("task_id", "");
                String taskName = dimensions.getString("task_name", "");
                if (task.equals(taskId) || task.equals(taskName)) {
                    exact.add(id + " (task " + taskId + ")");
                } else if (!taskId.isEmpty() && taskId.contains(task)) {
                    partial.add(id + " (task " + taskId + ")");
                }
            });
            List<String> matches = exact.isEmpty() ? partial : exact;
            if (matches.size() == 1) {
                String match = matches.get(0);
                return match.substring(0, match.indexOf(" (task "));
            }
            if (matches.isEmpty()) {
                throw new CliException("no container of task '" + task + "' among the " + containers.size()
                        + " container(s) of this node; use --agent for the task's node");
            }
            throw new CliException("task '" + task + "' is ambiguous: " + String.join(", ", matches));
        }
    }
}
