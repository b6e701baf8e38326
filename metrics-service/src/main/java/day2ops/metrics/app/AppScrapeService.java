package day2ops.metrics.app;

import day2ops.common.mesos.AgentState;
import day2ops.common.mesos.MesosAgentClient;
import day2ops.metrics.collector.CollectorOutcome;
import day2ops.metrics.config.MetricsConfig;
import day2ops.metrics.container.MesosAgentClients;
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

    /**
     * How one target fared in the latest round.
     *
     * @param error why it failed (HTTP status, connection error, time-out, parse error); null when up
     * @param samples samples the target gave; 0 when down
     */
    public record TargetStatus(ScrapeTarget target, boolean up, double durationSeconds, String error, int samples) {
    }

    private final MetricsConfig config;
    private final boolean active;
    private final MesosAgentClient agent;
    private final HttpClient http;
    private final Map<String, Scrape> latest = new ConcurrentHashMap<>();
    private volatile List<CollectorOutcome> outcomes = List.of();
    private volatile List<TargetStatus> targetStatuses = List.of();
    private ScheduledExecutorService scheduler;

    public AppScrapeService(MetricsConfig config) {
        this.config = config;
        this.active = config.apps().enabled() && config.role() == MetricsConfig.Role.AGENT
                && config.containers().sources().stream().anyMatch(s -> s.trim().equalsIgnoreCase("mesos"));
        this.agent = MesosAgentClients.create(config.mesos());
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
            targetStatuses = List.of();
            return;
        }
        Instant now = Clock.systemUTC().instant();
        List<CompletableFuture<TargetStatus>> futures = new ArrayList<>();
        List<CompletableFuture<PrometheusTextParser.Result>> scrapes = new ArrayList<>();
        for (ScrapeTarget target : targets) {
            HttpRequest request = HttpRequest.newBuilder(target.uri()).timeout(config.apps().timeout())
                    .header("Accept", "text/plain;version=0.0.4").GET().build();
            long sent = System.nanoTime();
            CompletableFuture<PrometheusTextParser.Result> scrape = http.sendAsync(request,
                    HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
                        if (response.statusCode() / 100 != 2) {
                            throw new IllegalStateException("HTTP " + response.statusCode());
                        }
                        return PrometheusTextParser.parse(response.body());
                    });
            scrapes.add(scrape);
            futures.add(scrape.handle((result, error) -> new TargetStatus(target, error == null,
                    (System.nanoTime() - sent) / 1e9, error == null ? null : describe(error),
                    error == null ? result.samples().size() : 0)));
        }
        Map<String, List<PrometheusTextParser.Sample>> byContainer = new java.util.TreeMap<>();
        List<TargetStatus> statuses = new ArrayList<>();
        boolean allSucceeded = true;
        for (int i = 0; i < futures.size(); i++) {
            TargetStatus status;
            try {
                status = futures.get(i).get(config.apps().timeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                scrapes.get(i).cancel(true);
                status = new TargetStatus(targets.get(i), false, config.apps().timeout().toMillis() / 1000.0,
                        "no answer within " + config.apps().timeout().toMillis() + " ms", 0);
            }
            statuses.add(status);
            if (status.up()) {
                byContainer.computeIfAbsent(targets.get(i).containerId(), id -> new ArrayList<>())
                        .addAll(scrapes.get(i).join().samples());
            } else {
                allSucceeded = false;
                LOG.debugf("app scrape of %s failed: %s", targets.get(i).uri(), status.error());
            }
        }
        latest.keySet().retainAll(targets.stream().map(ScrapeTarget::containerId).toList());
        byContainer.forEach((id, samples) -> latest.put(id, new Scrape(now, samples)));
        targetStatuses = List.copyOf(statuses);
        outcomes = List.of(new CollectorOutcome("apps", (System.nanoTime() - start) / 1e9, allSucceeded));
    }

    /** A failure as one short line: the innermost cause's type and message. */
    static String describe(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null || cause.getMessage().isBlank()
                ? cause.getClass().getSimpleName()
                : cause instanceof IllegalStateException ? cause.getMessage()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        String line = message.replaceAll("\\s+", " ");
        return line.length() <= 200 ? line : line.substring(0, 200);
    }

    /** How each target fared in the latest round. */
    public List<TargetStatus> targetStatuses() {
        return targetStatuses;
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
