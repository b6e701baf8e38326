package day2ops.logs.acl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import day2ops.logs.config.LogsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Resolves tasks to Marathon applications from the Mesos agent's {@code GET /state}, fetched at most
 * once per {@code logs.mesos.cache-ttl}. The application id is the task's {@code DCOS_SPACE} label
 * (what DC/OS's Mesos authorizer uses for {@code dcos:mesos:agent:sandbox:app_id}), else, for tasks of
 * the framework named {@code marathon}, the task id's app part ({@code team_web.<uuid>} →
 * {@code /team/web}). Without a configured agent, or when the agent cannot be reached, nothing
 * resolves (and so no task line is served to callers who depend on an application permission).
 */
@ApplicationScoped
public class MesosTaskResolver implements TaskAppResolver {

    private static final Logger LOG = Logger.getLogger(MesosTaskResolver.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<URI> agent;
    private final long ttlNanos;
    private final java.time.Duration timeout;
    private final HttpClient http;
    private volatile Snapshot snapshot;

    private record Snapshot(long fetchedAt, Map<String, String> appByExecutor, Map<String, String> appByContainer) {
    }

    public MesosTaskResolver(LogsConfig config) {
        this.agent = config.mesos().agentUrl();
        this.ttlNanos = config.mesos().cacheTtl().toNanos();
        this.timeout = config.mesos().timeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public Optional<String> appId(String frameworkId, String executorId, String containerId) {
        Snapshot s = current();
        if (s == null) {
            return Optional.empty();
        }
        String app = s.appByExecutor().get(frameworkId + '\u0000' + executorId);
        if (app == null && containerId != null && !containerId.isEmpty()) {
            // Nested containers are journaled as parent.child; the executor runs in the parent.
            int dot = containerId.indexOf('.');
            app = s.appByContainer().get(dot < 0 ? containerId : containerId.substring(0, dot));
        }
        return Optional.ofNullable(app);
    }

    private Snapshot current() {
        if (agent.isEmpty()) {
            return null;
        }
        Snapshot s = snapshot;
        if (s != null && System.nanoTime() - s.fetchedAt() < ttlNanos) {
            return s;
        }
        synchronized (this) {
            s = snapshot;
            if (s != null && System.nanoTime() - s.fetchedAt() < ttlNanos) {
                return s;
            }
            try {
                String root = agent.get().toString().replaceAll("/+$", "");
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(root + "/state"))
                        .timeout(timeout).header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 != 2) {
                    throw new IOException("Mesos agent /state answered HTTP " + response.statusCode());
                }
                snapshot = parse(response.body(), System.nanoTime());
            } catch (IOException e) {
                LOG.warnf("cannot resolve tasks to applications: %s", e.getMessage());
                // Keep serving the last good state (if any) until the next attempt after the TTL.
                snapshot = s != null ? new Snapshot(System.nanoTime(), s.appByExecutor(), s.appByContainer())
                        : new Snapshot(System.nanoTime(), Map.of(), Map.of());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return s;
            }
            return snapshot;
        }
    }

    /** Pure: the application of every executor (by framework and executor id) and container in an agent {@code /state}. */
    static Snapshot parse(String agentState, long now) throws IOException {
        JsonNode root = JSON.readTree(agentState);
        Map<String, String> byExecutor = new HashMap<>();
        Map<String, String> byContainer = new HashMap<>();
        for (String list : new String[] {"frameworks", "completed_frameworks"}) {
            for (JsonNode framework : root.path(list)) {
                String frameworkId = framework.path("id").asText();
                boolean marathon = "marathon".equals(framework.path("name").asText());
                for (String executors : new String[] {"executors", "completed_executors"}) {
                    for (JsonNode executor : framework.path(executors)) {
                        String app = null;
                        for (String tasks : new String[] {"tasks", "queued_tasks", "completed_tasks"}) {
                            for (JsonNode task : executor.path(tasks)) {
                                String candidate = appOf(task, marathon);
                                if (candidate != null) {
                                    app = candidate;
                                }
                            }
                        }
                        if (app == null) {
                            app = label(executor.path("labels"), "DCOS_SPACE");
                        }
                        if (app != null) {
                            byExecutor.put(frameworkId + '\u0000' + executor.path("id").asText(), app);
                            String container = executor.path("container").asText("");
                            if (!container.isEmpty()) {
                                byContainer.put(container, app);
                            }
                        }
                    }
                }
            }
        }
        return new Snapshot(now, Map.copyOf(byExecutor), Map.copyOf(byContainer));
    }

    /** Exposed for tests: the executor → application map of a recorded state. */
    static Map<String, String> appsByExecutor(String agentState) throws IOException {
        return parse(agentState, 0).appByExecutor();
    }

    private static String appOf(JsonNode task, boolean marathon) {
        String space = label(task.path("labels"), "DCOS_SPACE");
        if (space != null) {
            return space;
        }
        if (!marathon) {
            return null;
        }
        String id = task.path("id").asText("");
        int dot = id.lastIndexOf('.');
        return dot <= 0 ? null : "/" + id.substring(0, dot).replace('_', '/');
    }

    private static String label(JsonNode labels, String key) {
        // Task labels are a list in /state; ExecutorInfo-style {"labels": [...]} wrappers occur too.
        JsonNode list = labels.isArray() ? labels : labels.path("labels");
        for (JsonNode label : list) {
            if (key.equals(label.path("key").asText())) {
                return label.path("value").asText();
            }
        }
        return null;
    }
}
