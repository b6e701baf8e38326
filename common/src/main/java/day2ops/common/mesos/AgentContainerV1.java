package day2ops.common.mesos;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One element of {@code get_containers.containers} in the Mesos v1 agent API's
 * {@code GET_CONTAINERS} response ({@code mesos.v1.agent.Response.GetContainers.Container}).
 * Ids are Mesos' {@code {"value": …}} objects; a nested container's id has a {@code parent}.
 * {@code resource_statistics} keeps Mesos' field names ({@code cpus_user_time_secs}, …).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentContainerV1(
        @JsonProperty("framework_id") Id frameworkId,
        @JsonProperty("executor_id") Id executorId,
        @JsonProperty("executor_name") String executorName,
        @JsonProperty("container_id") ContainerId containerId,
        @JsonProperty("resource_statistics") Map<String, Object> resourceStatistics) {

    /** A Mesos id message ({@code FrameworkID}, {@code ExecutorID}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Id(@JsonProperty("value") String value) {
    }

    /** {@code mesos.v1.ContainerID}: a value, and for a nested container the parent's id. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ContainerId(@JsonProperty("value") String value, @JsonProperty("parent") ContainerId parent) {

        /** The outermost ancestor's value: the executor's container, which {@code /state} names. */
        public String rootValue() {
            ContainerId id = this;
            while (id.parent() != null) {
                id = id.parent();
            }
            return id.value();
        }
    }

    /** The framework id's value, or null. */
    public String frameworkIdValue() {
        return frameworkId == null ? null : frameworkId.value();
    }

    /** The executor id's value, or null. */
    public String executorIdValue() {
        return executorId == null ? null : executorId.value();
    }
}
