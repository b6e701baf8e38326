package day2ops.common.mesos;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The parts of the Mesos agent's {@code GET /state} that identify tasks and their containers. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentState(
        @JsonProperty("id") String id,
        @JsonProperty("hostname") String hostname,
        @JsonProperty("frameworks") List<Framework> frameworks) {

    /** A framework with its executors on this agent. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Framework(
            @JsonProperty("id") String id,
            @JsonProperty("name") String name,
            @JsonProperty("role") String role,
            @JsonProperty("principal") String principal,
            @JsonProperty("executors") List<Executor> executors) {
    }

    /** An executor; {@code container} is the Mesos container id it runs in. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Executor(
            @JsonProperty("id") String id,
            @JsonProperty("name") String name,
            @JsonProperty("container") String container,
            @JsonProperty("tasks") List<Task> tasks) {
    }

    /** A task with its labels. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Task(
            @JsonProperty("id") String id,
            @JsonProperty("name") String name,
            @JsonProperty("framework_id") String frameworkId,
            @JsonProperty("executor_id") String executorId,
            @JsonProperty("state") String state,
            @JsonProperty("labels") List<Label> labels,
            @JsonProperty("discovery") Discovery discovery,
            @JsonProperty("statuses") List<Status> statuses) {
    }

    /** A task's service discovery info; its ports carry the labels apps use to ask for scraping. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Discovery(@JsonProperty("name") String name, @JsonProperty("ports") Ports ports) {
    }

    /** The {@code {"ports": [...]}} wrapper Mesos uses. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Ports(@JsonProperty("ports") List<Port> ports) {
    }

    /** A named task port with its labels. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Port(@JsonProperty("number") int number, @JsonProperty("name") String name,
            @JsonProperty("protocol") String protocol, @JsonProperty("labels") Labels labels) {
    }

    /** The {@code {"labels": [...]}} wrapper Mesos uses for port labels. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Labels(@JsonProperty("labels") List<Label> labels) {
    }

    /** A task status update; the latest one carries the container's IP addresses. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Status(@JsonProperty("state") String state, @JsonProperty("timestamp") double timestamp,
            @JsonProperty("container_status") ContainerStatus containerStatus) {
    }

    /** Container status as reported in a task status. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ContainerStatus(@JsonProperty("network_infos") List<NetworkInfo> networkInfos) {
    }

    /** One network of a container. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NetworkInfo(@JsonProperty("ip_addresses") List<IpAddress> ipAddresses) {
    }

    /** One address of a container network. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record IpAddress(@JsonProperty("ip_address") String ipAddress, @JsonProperty("protocol") String protocol) {
    }

    /** A Mesos key/value label. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Label(@JsonProperty("key") String key, @JsonProperty("value") String value) {
    }
}
