package day2ops.metrics.container;

import day2ops.metrics.Metric;
import java.time.Instant;
import java.util.List;

/** One container's metadata and metrics as one source saw them at one time. */
public record ContainerSample(ContainerMetadata metadata, List<Metric> metrics, Instant timestamp) {

    public ContainerSample {
        metrics = List.copyOf(metrics);
    }

    public String containerId() {
        return metadata.containerId();
    }
}
