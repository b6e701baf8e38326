package day2ops.diagnostics.cluster;

import day2ops.diagnostics.Health;
import day2ops.diagnostics.UnitHealth;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One pull's view of the cluster, as the master serves it: every node with its health (the worst of its units;
 * {@link Health#UNKNOWN} when it could not be asked, with the reason) and every unit any node reported, with its
 * health (the worst over the nodes reporting it). Immutable; built by {@link #aggregate}.
 */
public final class ClusterHealth {

    /** A node as the cluster sees it. {@code units} is empty and {@code error} set when its health is unknown. */
    public record NodeState(ClusterNode node, int health, String hostname, String mesosId, List<UnitHealth> units,
            String error) {

        public Optional<UnitHealth> unit(String id) {
            return units.stream().filter(unit -> unit.id().equals(id)).findFirst();
        }
    }

    /** A unit on one node: the node and the unit's health, output and description there. */
    public record UnitOnNode(NodeState node, UnitHealth unit) {
    }

    /**
     * A unit over the cluster: its name and description (as the first node reporting it gives them), its health
     * (the worst over the nodes) and where it runs, in node order.
     */
    public record UnitState(String id, String name, String description, int health, List<UnitOnNode> nodes) {

        public Optional<UnitOnNode> on(String ip) {
            return nodes.stream().filter(entry -> entry.node().node().ip().equals(ip)).findFirst();
        }
    }

    private final Instant updated;
    private final Map<String, NodeState> nodes;
    private final Map<String, UnitState> units;

    private ClusterHealth(Instant updated, Map<String, NodeState> nodes, Map<String, UnitState> units) {
        this.updated = updated;
        this.nodes = nodes;
        this.units = units;
    }

    /** Builds the cluster view from one pull's outcomes (in directory order, which the node lists keep). */
    public static ClusterHealth aggregate(Instant updated, List<NodeHealthOutcome> outcomes) {
        Map<String, NodeState> nodes = new LinkedHashMap<>();
        Map<String, List<UnitOnNode>> unitNodes = new TreeMap<>();
        for (NodeHealthOutcome outcome : outcomes) {
            NodeState state;
            if (outcome.health() == null) {
                state = new NodeState(outcome.node(), Health.UNKNOWN, "", "", List.of(), outcome.error());
            } else {
                List<UnitHealth> reported = List.copyOf(outcome.health().units());
                int worst = reported.stream().mapToInt(UnitHealth::health).max().orElse(Health.HEALTHY);
                state = new NodeState(outcome.node(), worst, outcome.health().hostname(), outcome.health().mesosId(),
                        reported, null);
            }
            nodes.put(outcome.node().ip(), state);
            for (UnitHealth unit : state.units()) {
                unitNodes.computeIfAbsent(unit.id(), id -> new ArrayList<>()).add(new UnitOnNode(state, unit));
            }
        }
        Map<String, UnitState> units = new LinkedHashMap<>();
        unitNodes.forEach((id, where) -> {
            UnitHealth first = where.get(0).unit();
            int worst = where.stream().mapToInt(entry -> entry.unit().health()).max().orElse(Health.HEALTHY);
            units.put(id, new UnitState(id, first.name(), first.description(), worst, List.copyOf(where)));
        });
        return new ClusterHealth(updated, Collections.unmodifiableMap(nodes), Collections.unmodifiableMap(units));
    }

    /** When the pull that made this view finished. */
    public Instant updated() {
        return updated;
    }

    /** Every node, in directory order (masters first). */
    public List<NodeState> nodes() {
        return List.copyOf(nodes.values());
    }

    /** Every unit any node reported, sorted by id. */
    public List<UnitState> units() {
        return List.copyOf(units.values());
    }

    public Optional<NodeState> node(String ip) {
        return Optional.ofNullable(nodes.get(ip));
    }

    public Optional<UnitState> unit(String id) {
        return Optional.ofNullable(units.get(id));
    }
}
