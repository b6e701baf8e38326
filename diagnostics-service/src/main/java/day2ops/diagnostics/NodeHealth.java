package day2ops.diagnostics;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** The body of {@code GET /system/health/v1}: this node's units and who the node is. */
@JsonPropertyOrder({"units", "hostname", "ip", "dcos_version", "node_role", "mesos_id", "dcos_diagnostics_version"})
public record NodeHealth(
        List<UnitHealth> units,
        String hostname,
        String ip,
        @JsonProperty("dcos_version") String dcosVersion,
        @JsonProperty("node_role") String nodeRole,
        @JsonProperty("mesos_id") String mesosId,
        @JsonProperty("dcos_diagnostics_version") String diagnosticsVersion) {
}
