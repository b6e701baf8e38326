package day2ops.metrics.statsd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A container's StatsD endpoint, as the registration API returns it and as it is persisted. */
public record ContainerRegistration(@JsonProperty("container_id") String containerId,
        @JsonProperty("statsd_host") String statsdHost, @JsonProperty("statsd_port") int statsdPort) {
}
