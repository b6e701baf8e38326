package day2ops.metrics.service;

import day2ops.metrics.app.AppFormats;
import day2ops.metrics.app.AppScrapeService;
import day2ops.metrics.rest.Datapoint;
import day2ops.metrics.statsd.StatsdFormats;
import day2ops.metrics.statsd.StatsdService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A container's application metrics: what it sent to its StatsD listener plus what was scraped from it. */
@ApplicationScoped
public class AppMetricsService {

    private final StatsdService statsd;
    private final AppScrapeService scraper;

    public AppMetricsService(StatsdService statsd, AppScrapeService scraper) {
        this.statsd = statsd;
        this.scraper = scraper;
    }

    /** The container's app datapoints, StatsD first, in a stable order; empty when there are none. */
    public List<Datapoint> datapoints(String containerId) {
        List<Datapoint> datapoints = new ArrayList<>();
        if (statsd.enabled()) {
            statsd.server().latest(containerId)
                    .ifPresent(snapshot -> datapoints.addAll(StatsdFormats.datapoints(snapshot, Map.of())));
        }
        scraper.latest(containerId).ifPresent(scrape -> datapoints.addAll(AppFormats.datapoints(scrape)));
        return datapoints;
    }
}
