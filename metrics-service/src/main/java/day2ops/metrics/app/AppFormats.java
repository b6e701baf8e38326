package day2ops.metrics.app;

import day2ops.metrics.prometheus.Exposition;
import day2ops.metrics.prometheus.PrometheusNames;
import day2ops.metrics.rest.Datapoint;
import day2ops.metrics.rest.V0Format;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Scraped application samples as v0 datapoints and as re-exposed Prometheus series. */
public final class AppFormats {

    private AppFormats() {
    }

    /** One datapoint per sample: its name, value, unit "" and its labels as tags. */
    public static List<Datapoint> datapoints(AppScrapeService.Scrape scrape) {
        List<Datapoint> out = new ArrayList<>();
        String timestamp = V0Format.timestamp(scrape.timestamp());
        for (PrometheusTextParser.Sample sample : scrape.samples()) {
            out.add(new Datapoint(sample.name(), sample.value(), "", timestamp,
                    sample.labels().isEmpty() ? null : new TreeMap<>(sample.labels())));
        }
        return out;
    }

    /**
     * Re-exposes samples with their declared types; {@code containerLabels} win, and a scraped
     * label of the same name is kept as {@code exported_<name>} (as Prometheus itself does).
     */
    public static void expose(AppScrapeService.Scrape scrape, Map<String, String> containerLabels, Exposition out) {
        for (PrometheusTextParser.Sample sample : scrape.samples()) {
            if (sample.name().endsWith("_created")) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            sample.labels().forEach((name, value) -> labels.put(
                    containerLabels.containsKey(name) ? "exported_" + name : name, value));
            labels.putAll(containerLabels);
            Exposition.Type type = switch (sample.type()) {
                case "counter" -> Exposition.Type.COUNTER;
                case "summary" -> Exposition.Type.SUMMARY;
                case "histogram" -> Exposition.Type.HISTOGRAM;
                default -> Exposition.Type.GAUGE;
            };
            String family = PrometheusNames.metricName(sample.family());
            String suffix = sample.name().substring(Math.min(sample.family().length(), sample.name().length()));
            if (type == Exposition.Type.COUNTER) {
                family = PrometheusNames.metricName(sample.name().endsWith("_total") ? sample.name()
                        : sample.name() + "_total");
                suffix = "";
            }
            out.add(family, type, "scraped from the application", suffix, labels, sample.value());
        }
    }

    /**
     * A target's scrape status: {@code day2ops_app_scrape_up} (1/0),
     * {@code day2ops_app_scrape_duration_seconds}, {@code day2ops_app_scrape_samples} and, while it
     * fails, {@code day2ops_app_scrape_error_info{error}} = 1; labelled with the container's labels
     * and {@code target} (the URL).
     */
    public static void exposeStatus(AppScrapeService.TargetStatus status, Map<String, String> containerLabels,
            Exposition out) {
        Map<String, String> labels = new TreeMap<>(containerLabels);
        labels.put("container_id", status.target().containerId());
        labels.put("target", status.target().uri().toString());
        out.add("day2ops_app_scrape_up", Exposition.Type.GAUGE,
                "whether the latest scrape of the application endpoint succeeded", labels, status.up() ? 1 : 0);
        out.add("day2ops_app_scrape_duration_seconds", Exposition.Type.GAUGE,
                "duration of the latest scrape of the application endpoint", labels, status.durationSeconds());
        out.add("day2ops_app_scrape_samples", Exposition.Type.GAUGE,
                "samples the latest scrape of the application endpoint gave", labels, status.samples());
        if (!status.up()) {
            Map<String, String> withError = new TreeMap<>(labels);
            withError.put("error", status.error());
            out.add("day2ops_app_scrape_error_info", Exposition.Type.GAUGE,
                    "why the latest scrape of the application endpoint failed", withError, 1);
        }
    }
}
