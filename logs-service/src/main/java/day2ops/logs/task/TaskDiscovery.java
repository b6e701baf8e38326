package day2ops.logs.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import day2ops.logs.config.LogsConfig;
import day2ops.logs.journal.LogRequestException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds a task in the Mesos master's {@code GET /state} (fetched at most once per {@code logs.mesos.cache-ttl}):
 * by exact task name or id, else by a unique substring of the task id. Gives the agent, framework,
 * executor (the task id for command executors) and container (for a task in a pod, the parent container
 * and the task's own sandbox under {@code tasks/}).
 */
@ApplicationScoped
public class TaskDiscovery {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where a task's sandbox is. {@code taskPath} is null unless the task runs in a nested container. */
    public record Location(String taskId, String agentId, String frameworkId, String executorId, String containerId,
            String taskPath) {
    }

    private final LogsConfig config;
    private final HttpClient http;
    private volatile String cached;
    private volatile long cachedAt;

    public TaskDiscovery(LogsConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.mesos().timeout()).build();
    }

    /** The task's location; 404 unknown (or no master configured), 409 ambiguous (naming the candidates). */
    public Location find(String task) {
        if (config.mesos().masterUrl().isEmpty()) {
            throw new LogRequestException(404, "unknown task '" + task + "' (no Mesos master configured)");
        }
        return find(masterState(), task);
    }

    static Location find(String masterState, String task) {
        List<Location> exact = new ArrayList<>();
        List<Location> partial = new ArrayList<>();
        try {
            JsonNode root = JSON.readTree(masterState);
            for (JsonNode framework : root.path("frameworks")) {
                for (String list : new String[] {"tasks", "unreachable_tasks", "completed_tasks"}) {
                    for (JsonNode t : framework.path(list)) {
                        String id = t.path("id").asText();
                        Location location = location(t);
                        if (location == null) {
                            continue;
                        }
                        if (id.equals(task) || t.path("name").asText().equals(task)) {
                            exact.add(location);
                        } else if (id.contains(task)) {
                            partial.add(location);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new LogRequestException(502, "the Mesos master's state could not be read: " + e.getMessage());
        }
        List<Location> matches = exact.isEmpty() ? partial : exact;
        if (matches.isEmpty()) {
            throw new LogRequestException(404, "unknown task '" + task + "'");
        }
        if (matches.size() > 1) {
            throw new LogRequestException(409, "task '" + task + "' is ambiguous; candidates: "
                    + String.join(", ", matches.stream().map(Location::taskId).sorted().toList()));
        }
        return matches.get(0);
    }

    private static Location location(JsonNode t) {
        String containerId = null;
        String parent = null;
        for (JsonNode status : t.path("statuses")) {
            JsonNode container = status.path("container_status").path("container_id");
            if (container.has("value")) {
                containerId = container.path("value").asText();
                parent = container.path("parent").has("value") ? container.path("parent").path("value").asText() : null;
            }
        }
        if (containerId == null) {
            return null;
        }
        String id = t.path("id").asText();
        String executor = t.path("executor_id").asText("");
        return new Location(id, t.path("slave_id").asText(), t.path("framework_id").asText(),
                executor.isEmpty() ? id : executor, parent != null ? parent : containerId, parent != null ? id : null);
    }

    private String masterState() {
        String state = cached;
        if (state != null && System.nanoTime() - cachedAt < config.mesos().cacheTtl().toNanos()) {
            return state;
        }
        String root = config.mesos().masterUrl().get().toString().replaceAll("/+$", "");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(root + "/state"))
                    .timeout(config.mesos().timeout()).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new LogRequestException(502, "the Mesos master answered HTTP " + response.statusCode() + " for /state");
            }
            cached = response.body();
            cachedAt = System.nanoTime();
            return cached;
        } catch (IOException e) {
            throw new LogRequestException(502, "the Mesos master is not reachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LogRequestException(503, "interrupted while asking the Mesos master");
        }
    }
}
