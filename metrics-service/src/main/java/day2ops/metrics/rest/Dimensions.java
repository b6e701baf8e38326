package day2ops.metrics.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.SortedMap;

/**
 * The v0 {@code dimensions} object. {@code mesos_id} and {@code hostname} are always written
 * (empty string off Mesos); the others only when known.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Dimensions(
        @JsonProperty("mesos_id") @JsonInclude(JsonInclude.Include.ALWAYS) String mesosId,
        @JsonProperty("cluster_id") String clusterId,
        @JsonProperty("container_id") String containerId,
        @JsonProperty("executor_id") String executorId,
        @JsonProperty("framework_name") String frameworkName,
        @JsonProperty("framework_id") String frameworkId,
        @JsonProperty("framework_role") String frameworkRole,
        @JsonProperty("framework_principal") String frameworkPrincipal,
        @JsonProperty("task_name") String taskName,
        @JsonProperty("task_id") String taskId,
        @JsonProperty("hostname") @JsonInclude(JsonInclude.Include.ALWAYS) String hostname,
        @JsonProperty("labels") SortedMap<String, String> labels) {

    /** Dimensions of node-level messages. */
    public static Dimensions node(String mesosId, String clusterId, String hostname) {
        return new Dimensions(mesosId, clusterId, null, null, null, null, null, null, null, null, hostname, null);
    }
}
