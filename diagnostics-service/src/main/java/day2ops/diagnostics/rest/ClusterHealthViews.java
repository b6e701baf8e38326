package day2ops.diagnostics.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import day2ops.diagnostics.UnitHealth;
import day2ops.diagnostics.cluster.ClusterHealth;
import day2ops.diagnostics.cluster.ClusterHealth.NodeState;
import day2ops.diagnostics.cluster.ClusterHealth.UnitOnNode;
import day2ops.diagnostics.cluster.ClusterHealth.UnitState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bodies of the cluster health endpoints, in dcos-diagnostics' shapes (field names and nesting), plus
 * {@code error}: why a node's health is unknown (absent otherwise).
 */
final class ClusterHealthViews {

    private ClusterHealthViews() {
    }

    /** A unit over the cluster, or on one node ({@code /units}, {@code /nodes/{node}/units}). */
    @JsonPropertyOrder({"id", "name", "health", "description"})
    record UnitSummary(String id, String name, int health, String description) {
        static UnitSummary of(UnitState unit) {
            return new UnitSummary(unit.id(), unit.name(), unit.health(), unit.description());
        }

        static UnitSummary of(UnitHealth unit) {
            return new UnitSummary(unit.id(), unit.name(), unit.health(), unit.description());
        }
    }

    record Units(List<UnitSummary> units) {
    }

    /** A node ({@code /nodes}), or a unit's health on a node ({@code /units/{unit}/nodes}). */
    @JsonPropertyOrder({"host_ip", "health", "role", "error"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NodeSummary(@JsonProperty("host_ip") String hostIp, int health, String role, String error) {
        static NodeSummary of(NodeState node) {
            return new NodeSummary(node.node().ip(), node.health(), node.node().role(), node.error());
        }

        static NodeSummary of(UnitOnNode entry) {
            return new NodeSummary(entry.node().node().ip(), entry.unit().health(), entry.node().node().role(), null);
        }
    }

    record Nodes(List<NodeSummary> nodes) {
    }

    /** A unit on one node with its output ({@code /units/{unit}/nodes/{node}}). */
    @JsonPropertyOrder({"host_ip", "health", "role", "output", "help"})
    record UnitOnNodeDetail(@JsonProperty("host_ip") String hostIp, int health, String role, String output, String help) {
        static UnitOnNodeDetail of(UnitOnNode entry) {
            return new UnitOnNodeDetail(entry.node().node().ip(), entry.unit().health(), entry.node().node().role(),
                    entry.unit().output(), ClusterHealthViews.help(entry.node(), entry.unit()));
        }
    }

    /** A node's unit as the node reported it ({@code /nodes/{node}/units/{unit}}), with the master's help. */
    static UnitHealth nodeUnit(NodeState node, UnitHealth unit) {
        return new UnitHealth(unit.id(), unit.health(), unit.output(), unit.description(), help(node, unit), unit.name());
    }

    static String help(NodeState node, UnitHealth unit) {
        String where = node.mesosId().isEmpty() ? "Node " + node.node().ip() + " (`ssh " + node.node().ip() + "`)"
                : "Node available at `dcos node ssh --mesos-id=" + node.mesosId() + "`";
        return where + "; run `journalctl -xu " + unit.id() + "` there to diagnose further.";
    }

    // /report: the whole tree, keyed and named as dcos-diagnostics' MonitoringResponse.

    @JsonPropertyOrder({"Units", "Nodes", "UpdatedTime"})
    record Report(@JsonProperty("Units") Map<String, ReportUnit> units, @JsonProperty("Nodes") Map<String, ReportNode> nodes,
            @JsonProperty("UpdatedTime") Instant updatedTime) {

        static Report of(ClusterHealth cluster) {
            Map<String, ReportUnit> units = new LinkedHashMap<>();
            for (UnitState unit : cluster.units()) {
                List<ReportNode> where = unit.nodes().stream()
                        .map(entry -> ReportNode.of(entry.node(), false, cluster.updated())).toList();
                units.put(unit.id(), new ReportUnit(unit.id(), where, unit.health(), unit.description(), cluster.updated(),
                        unit.name()));
            }
            Map<String, ReportNode> nodes = new LinkedHashMap<>();
            cluster.nodes().forEach(node -> nodes.put(node.node().ip(), ReportNode.of(node, true, cluster.updated())));
            return new Report(units, nodes, cluster.updated());
        }
    }

    @JsonPropertyOrder({"UnitName", "Nodes", "Health", "Title", "Timestamp", "PrettyName"})
    record ReportUnit(@JsonProperty("UnitName") String unitName,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("Nodes") List<ReportNode> nodes,
            @JsonProperty("Health") int health, @JsonProperty("Title") String title,
            @JsonProperty("Timestamp") Instant timestamp, @JsonProperty("PrettyName") String prettyName) {
    }

    @JsonPropertyOrder({"Leader", "Role", "IP", "Host", "Health", "Output", "Units", "MesosID", "Error"})
    record ReportNode(@JsonProperty("Leader") boolean leader, @JsonProperty("Role") String role, @JsonProperty("IP") String ip,
            @JsonProperty("Host") String host, @JsonProperty("Health") int health,
            @JsonProperty("Output") Map<String, String> output,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("Units") List<ReportUnit> units,
            @JsonProperty("MesosID") String mesosId,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("Error") String error) {

        static ReportNode of(NodeState node, boolean withUnits, Instant updated) {
            Map<String, String> output = new LinkedHashMap<>();
            node.units().forEach(unit -> output.put(unit.id(), unit.output()));
            List<ReportUnit> units = withUnits
                    ? node.units().stream().map(unit -> new ReportUnit(unit.id(), List.of(), unit.health(), unit.description(),
                            updated, unit.name())).toList()
                    : List.of();
            // Leader is not known from the node list; dcos-diagnostics only knew it from Exhibitor.
            return new ReportNode(false, node.node().role(), node.node().ip(), node.hostname(), node.health(), output, units,
                    node.mesosId(), node.error());
        }
    }
}
