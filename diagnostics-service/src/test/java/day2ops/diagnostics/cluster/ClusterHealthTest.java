package day2ops.diagnostics.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import day2ops.diagnostics.NodeHealth;
import day2ops.diagnostics.UnitHealth;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The aggregation rules: unit health is the worst over nodes, node health the worst of its units, unknown → 3. */
class ClusterHealthTest {

    private static final ClusterNode MASTER = new ClusterNode("10.0.0.1", "master", "10.0.0.1", 8103);
    private static final ClusterNode AGENT = new ClusterNode("10.0.0.7", "agent", "10.0.0.7", 8103);
    private static final ClusterNode PUBLIC = new ClusterNode("10.0.5.2", "agent_public", "10.0.5.2", 8103);
    private static final Instant AT = Instant.parse("2024-01-15T10:00:00Z");

    private static UnitHealth unit(String id, int health) {
        return new UnitHealth(id, health, health == 0 ? "" : "Unit " + id + " is dead", "does " + id, "", "Name " + id);
    }

    private static NodeHealth node(ClusterNode node, UnitHealth... units) {
        return new NodeHealth(List.of(units), "host-" + node.ip(), node.ip(), "", node.role(), "mesos-" + node.ip(), "0.1.0");
    }

    private final ClusterHealth cluster = ClusterHealth.aggregate(AT, List.of(
            NodeHealthOutcome.answered(MASTER, node(MASTER, unit("b.service", 0), unit("a.service", 0))),
            NodeHealthOutcome.answered(AGENT, node(AGENT, unit("a.service", 1), unit("c.service", 0))),
            NodeHealthOutcome.failed(PUBLIC, "UNAVAILABLE: io exception")));

    @Test
    void nodeHealthIsTheWorstOfItsUnits() {
        assertEquals(0, cluster.node("10.0.0.1").orElseThrow().health());
        assertEquals(1, cluster.node("10.0.0.7").orElseThrow().health());
    }

    @Test
    void unitHealthIsTheWorstOverTheNodesReportingIt() {
        assertEquals(1, cluster.unit("a.service").orElseThrow().health());
        assertEquals(0, cluster.unit("b.service").orElseThrow().health());
        assertEquals(List.of("10.0.0.1", "10.0.0.7"),
                cluster.unit("a.service").orElseThrow().nodes().stream().map(e -> e.node().node().ip()).toList());
        assertEquals(1, cluster.unit("a.service").orElseThrow().on("10.0.0.7").orElseThrow().unit().health());
    }

    @Test
    void nodeThatCouldNotBeAskedIsUnknownWithTheReasonAndNoUnits() {
        ClusterHealth.NodeState unknown = cluster.node("10.0.5.2").orElseThrow();
        assertEquals(3, unknown.health());
        assertEquals("UNAVAILABLE: io exception", unknown.error());
        assertEquals(List.of(), unknown.units());
        assertNull(cluster.node("10.0.0.7").orElseThrow().error());
    }

    @Test
    void nodesKeepDirectoryOrderAndUnitsAreSortedById() {
        assertEquals(List.of("10.0.0.1", "10.0.0.7", "10.0.5.2"), cluster.nodes().stream().map(n -> n.node().ip()).toList());
        assertEquals(List.of("a.service", "b.service", "c.service"), cluster.units().stream().map(ClusterHealth.UnitState::id).toList());
    }

    @Test
    void nodeWithoutUnitsIsHealthy() {
        ClusterHealth empty = ClusterHealth.aggregate(AT, List.of(NodeHealthOutcome.answered(AGENT, node(AGENT))));
        assertEquals(0, empty.node("10.0.0.7").orElseThrow().health());
        assertTrue(empty.units().isEmpty());
    }

    @Test
    void unitNameAndDescriptionComeFromTheNodesReport() {
        ClusterHealth.UnitState c = cluster.unit("c.service").orElseThrow();
        assertEquals("Name c.service", c.name());
        assertEquals("does c.service", c.description());
        assertEquals(AT, cluster.updated());
    }
}
