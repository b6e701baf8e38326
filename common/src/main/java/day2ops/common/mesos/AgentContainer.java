package day2ops.common.mesos;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One element of the Mesos agent's {@code GET /containers} response. {@code statistics} keeps
 * Mesos' own field names ({@code cpus_user_time_secs}, {@code mem_rss_bytes}, …) with numeric
 * values; fields the isolators do not provide are simply absent.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentContainer(
        @JsonProperty("container_id") String containerId,
        @JsonProperty("executor_id") String executorId,
        @JsonProperty("executor_name") String executorName,
        @JsonProperty("framework_id") String frameworkId,
        @JsonProperty("source") String source,
        @JsonProperty("statistics") Map<String, Object> statistics) {
}
