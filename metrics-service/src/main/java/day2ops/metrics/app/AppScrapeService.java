package day2ops.metrics.app;

import day2ops.common.mesos.AgentState;
import day2ops.common.mesos.MesosAgentClient;
import day2ops.metrics.collector.CollectorOutcome;
import day2ops.metrics.config.MetricsConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Scrapes the Prometheus endpoints of the tasks on this agent every collect interval (targets
 * from {@link ScrapeTargets}, all targets in parallel, each bounded by {@code metrics.apps.timeout})
 * and keeps the latest result per container.
 */
@ApplicationScoped
public class AppScrapeService {

    private static final Logger LOG = Logger.getLogger(AppScrapeService.class);

    /** The latest scrape of one container's endpoints. */
    public record Scrape(Instant timestamp, List<PrometheusTextParser.Sample> samples) {
    }

    private final MetricsConfig config;
    private final boolean active;
    private final MesosAgentClient agent;
    private final HttpClient http;
    private final Map<String, Scrape> latest = new ConcurrentHashMap<>();
    private volatile List<CollectorOutcome> outcomes = List.of();
    private ScheduledExecutorService scheduler;

    public AppScrapeService(MetricsConfig config) {
        this.config = config;
        this.active = config.apps().enabled() && config.role() == MetricsConfig.Role.AGENT
                && config.containers().sources().stream().anyMatch(s -> s.trim().equalsIgnoreCase("mesos"));
        this.agent = new MesosAgentClient(config.mesos().agentUrl(), config.mesos().timeout(), Optional.empty());
        this.http = HttpClient.newBuilder().connectTimeout(config.apps().timeout()).build();
    }

    void start(@Observes StartupEvent event) {
        if (!active) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "app-scraper");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::scrapeNow, 0, config.collectInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** Discovers targets and scrapes them all now; containers without targets are forgotten. */
    public synchronized void scrapeNow() {
        if (!active) {
            return;
        }
        long start = System.nanoTime();
        List<ScrapeTarget> targets;
        try {
            AgentState state = agent.state();
            targets = ScrapeTargets.discover(state, config.apps().nodeAddress().orElse(state.hostname()));
        } catch (Exception e) {
            LOG.warnf("app scraping: cannot read the agent state: %s", e.toString());
            outcomes = List.of(new CollectorOutcome("apps", (System.nanoTime() - start) / 1e9, false));
            return;
        }
        Instant now = Clock.systemUTC().instant();
        List<CompletableFuture<Map.Entry<ScrapeTarget, PrometheusTextParser.Result>>> futures = new ArrayList<>();
        for (ScrapeTarget target : targets) {
            HttpRequest request = HttpRequest.newBuilder(target.uri()).timeout(config.apps().timeout())
                    .header("Accept", "text/plain;version=0.0.4").GET().build();
            futures.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> {
                        if (response.statusCode() / 100 != 2) {
                            throw new IllegalStateException(target.uri() + " answered HTTP " + response.statusCode());
                        }
                        return Map.entry(target, PrometheusTextParser.parse(response.body()));
                    }));
        }
        Map<String, List<PrometheusTextParser.Sample>> byContainer = new java.util.TreeMap<>();
        boolean allSucceeded = true;
        for (int i = 0; i < futures.size(); i++) {
            try {
                Map.Entry<ScrapeTarget, PrometheusTextParser.Result> result =
                        futures.get(i).get(config.apps().timeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
                byContainer.computeIfAbsent(result.getKey().containerId(), id -> new ArrayList<>())
                        .addAll(result.getValue().samples());
            } catch (Exception e) {
                allSucceeded = false;
                futures.get(i).cancel(true);
                LOG.debugf("app scrape of %s failed: %s", targets.get(i).uri(), e.toString());
            }
        }
        latest.keySet().retainAll(targets.stream().map(ScrapeTarget::containerId).toList());
        byContainer.forEach((id, samples) -> latest.put(id, new Scrape(now, samples)));
        outcomes = List.of(new CollectorOutcome("apps", (System.nanoTime() - start) / 1e9, allSucceeded));
    }

    public Optional<Scrape> latest(String containerId) {
        return Optional.ofNullable(latest.get(containerId));
    }

    public Map<String, Scrape> all() {
        return Map.copyOf(latest);
    }

    /** How the latest round went ({@code apps}: false when the agent or any target failed). */
    public List<CollectorOutcome> outcomes() {
        return outcomes;
    }
}
