package day2ops.metrics.app;

import java.net.URI;

/** An application Prometheus endpoint to scrape, and the container it belongs to. */
public record ScrapeTarget(String containerId, URI uri) {
}
