package day2ops.common.mesos;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One agent of the Mesos master's {@code GET /master/slaves} ({@code "slaves"} array), with the fields that say
 * where it is and whether it is a public agent. {@code attributes} keeps Mesos' values as they come (text or
 * number); {@code reservedResources} is keyed by role ({@code slave_public} on DC/OS public agents).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MasterAgent(
        @JsonProperty("id") String id,
        @JsonProperty("hostname") String hostname,
        @JsonProperty("port") int port,
        @JsonProperty("pid") String pid,
        @JsonProperty("active") boolean active,
        @JsonProperty("attributes") Map<String, Object> attributes,
        @JsonProperty("reserved_resources") Map<String, Object> reservedResources) {

    /** The role DC/OS gives public agents' resources (agents started with {@code --default_role=slave_public}). */
    public static final String PUBLIC_ROLE = "slave_public";

    /**
     * The address the agent registered from: the host of its {@code pid} ({@code slave(1)@10.0.1.7:5051}), which
     * is an IP even where {@code hostname} is a DNS name; the {@code hostname} when the pid has none.
     */
    public String address() {
        if (pid != null) {
            int at = pid.lastIndexOf('@');
            int colon = pid.lastIndexOf(':');
            if (at >= 0 && colon > at + 1) {
                return pid.substring(at + 1, colon);
            }
        }
        return hostname;
    }

    /**
     * A public agent as DC/OS marks them: attribute {@code public_ip} is {@code true} (what DC/OS' installer sets
     * and dcos-diagnostics reads), or its resources are reserved for role {@code slave_public}.
     */
    public boolean isPublic() {
        Object publicIp = attributes == null ? null : attributes.get("public_ip");
        if (publicIp != null && "true".equalsIgnoreCase(publicIp.toString())) {
            return true;
        }
        return reservedResources != null && reservedResources.containsKey(PUBLIC_ROLE);
    }
}
