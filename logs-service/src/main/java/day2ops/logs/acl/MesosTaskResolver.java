package day2ops.logs.acl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import day2ops.logs.config.LogsConfig;
import day2ops.logs.errors.ServiceErrors;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Resolves tasks to Marathon applications from the Mesos agent's {@code GET /state}, fetched at most
 * once per {@code logs.mesos.cache-ttl}. The application id is the task's {@code DCOS_SPACE} label
 * (what DC/OS's Mesos authorizer uses for {@code dcos:mesos:agent:sandbox:app_id}), else, for tasks of
 * the framework named {@code marathon}, the task id's app part ({@code team_web.<uuid>} →
 * {@code /team/web}). Without a configured agent, or when the agent cannot be reached, nothing
 * resolves (and so no task line is served to callers who depend on an application permission).
 *
 * <p>The agent is called asynchronously ({@link HttpClient#sendAsync}); a lookup that needs it returns a
 * stage to wait for instead of blocking, so a slow agent never stalls a reader thread.
 */
@ApplicationScoped
public class MesosTaskResolver implements TaskAppResolver {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<URI> agent;
    private final long ttlNanos;
    private final java.time.Duration timeout;
    private final HttpClient http;
    private final ServiceErrors errors;
    private volatile Snapshot snapshot;
    /** The agent call under way, if any (guarded by {@code this}): all lookups that need it wait for the same one. */
    private CompletableFuture<Snapshot> fetching;

    record Snapshot(long fetchedAt, Map<String, String> appByExecutor, Map<String, String> appByContainer) {

        Optional<String> find(String frameworkId, String executorId, String containerId) {
            String app = appByExecutor.get(frameworkId + '\u0000' + executorId);
            if (app == null && containerId != null && !containerId.isEmpty()) {
                // Nested containers are journaled as parent.child; the executor runs in the parent.
                int dot = containerId.indexOf('.');
                app = appByContainer.get(dot < 0 ? containerId : containerId.substring(0, dot));
            }
            return Optional.ofNullable(app);
        }
    }

    public MesosTaskResolver(LogsConfig config, ServiceErrors errors) {
        this.agent = config.mesos().agentUrl();
        this.ttlNanos = config.mesos().cacheTtl().toNanos();
        this.timeout = config.mesos().timeout();
        this.errors = errors;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public Lookup lookup(String frameworkId, String executorId, String containerId) {
        if (agent.isEmpty()) {
            return Lookup.of(Optional.empty());
        }
        Snapshot s = snapshot;
        Optional<String> app = s == null ? Optional.empty() : s.find(frameworkId, executorId, containerId);
        // A task's application never changes, so a known task needs no newer state; an unknown one (a task
        // started since) is asked for again once the state is older than the TTL.
        if (app.isPresent() || (s != null && System.nanoTime() - s.fetchedAt() < ttlNanos)) {
            return Lookup.of(app);
        }
        return Lookup.waitFor(fetch());
    }

    @Override
    public Optional<String> known(String frameworkId, String executorId, String containerId) {
        Snapshot s = snapshot;
        return s == null ? Optional.empty() : s.find(frameworkId, executorId, containerId);
    }

    private synchronized CompletableFuture<Snapshot> fetch() {
        if (fetching != null) {
            return fetching;
        }
        CompletableFuture<Snapshot> result = new CompletableFuture<>();
        fetching = result;
        String root = agent.get().toString().replaceAll("/+$", "");
        http.sendAsync(HttpRequest.newBuilder(URI.create(root + "/state")).timeout(timeout)
                        .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, failure) -> {
                    Snapshot previous = snapshot;
                    Snapshot next;
                    try {
                        if (failure != null) {
                            throw new IOException(failure.getMessage() == null ? failure.toString() : failure.getMessage(), failure);
                        }
                        if (response.statusCode() / 100 != 2) {
                            throw new IOException("Mesos agent /state answered HTTP " + response.statusCode());
                        }
                        next = parse(response.body(), System.nanoTime());
                    } catch (IOException | RuntimeException e) {
                        errors.record(ServiceErrors.Type.MESOS_LOOKUP, "cannot resolve tasks to applications from "
                                + root + "/state: " + e.getMessage());
                        // Keep serving the last good state (if any) until the next attempt after the TTL.
                        next = previous != null ? new Snapshot(System.nanoTime(), previous.appByExecutor(), previous.appByContainer())
                                : new Snapshot(System.nanoTime(), Map.of(), Map.of());
                    }
                    synchronized (this) {
                        snapshot = next;
                        fetching = null;
                    }
                    result.complete(next);
                });
        return result;
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
