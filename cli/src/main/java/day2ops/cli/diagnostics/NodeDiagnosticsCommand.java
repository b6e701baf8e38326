package day2ops.cli.diagnostics;

import day2ops.cli.api.ApiException;
import day2ops.cli.api.ClusterClient;
import day2ops.cli.api.ClusterOptions;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code day2 node diagnostics}: the unhealthy units of every node, from the cluster health API
 * ({@code /system/health/v1/nodes}, {@code …/nodes/{ip}/units[/{unit}]}); where the URL is no master with
 * cluster health (404) it shows the node's own health ({@code /system/health/v1}).
 */
@Command(name = "diagnostics",
        mixinStandardHelpOptions = true,
        description = {"List the unhealthy systemd units per node (or 'all units healthy').",
            "Uses the cluster health API of a master; falls back to the node's own health when that answers 404.",
            "Example: day2 node diagnostics -v"})
public class NodeDiagnosticsCommand implements Callable<Integer> {

    private static final String HEALTH = "/system/health/v1";

    @Mixin
    ClusterOptions cluster;

    @Option(names = {"-v", "--verbose"}, description = "Also print each unhealthy unit's whole output (its recent journal lines).")
    boolean verbose;

    @Override
    public Integer call() {
        ClusterClient client = cluster.client();
        List<HealthTable.Row> rows = new ArrayList<>();
        int nodes;
        JsonStructure nodeList;
        try {
            nodeList = client.getJson(HEALTH + "/nodes");
        } catch (ApiException e) {
            if (e.status() != 404) {
                throw e;
            }
            nodeList = null;
        }
        if (nodeList instanceof JsonObject list && list.get("nodes") instanceof JsonArray array) {
            nodes = array.size();
            for (JsonObject node : array.getValuesAs(JsonObject.class)) {
                clusterNode(client, node, rows);
            }
        } else {
            nodes = 1;
            localNode(client, rows);
        }
        System.out.print(HealthTable.render(rows, nodes, verbose));
        return 0;
    }

    private static void clusterNode(ClusterClient client, JsonObject node, List<HealthTable.Row> rows) {
        String ip = node.getString("host_ip", "?");
        String role = node.getString("role", "");
        int health = node.getInt("health", 0);
        if (health == 3) {
            rows.add(new HealthTable.Row(ip, role, "-", 3, "node did not answer the last health pull"));
            return;
        }
        if (health == 0) {
            return;
        }
        String nodePath = HEALTH + "/nodes/" + ClusterClient.segment(ip) + "/units";
        JsonStructure units = client.getJson(nodePath);
        if (!(units instanceof JsonObject u) || !(u.get("units") instanceof JsonArray list)) {
            return;
        }
        for (JsonObject unit : list.getValuesAs(JsonObject.class)) {
            int unitHealth = unit.getInt("health", 0);
            if (unitHealth == 0) {
                continue;
            }
            String id = unit.getString("id", "?");
            String output = "";
            JsonStructure detail = client.getJson(nodePath + "/" + ClusterClient.segment(id));
            if (detail instanceof JsonObject d) {
                output = d.getString("output", "");
            }
            rows.add(new HealthTable.Row(ip, role, id, unitHealth, output));
        }
    }

    private static void localNode(ClusterClient client, List<HealthTable.Row> rows) {
        JsonStructure health = client.getJson(HEALTH);
        if (!(health instanceof JsonObject node) || !(node.get("units") instanceof JsonArray units)) {
            return;
        }
        String ip = node.getString("ip", node.getString("hostname", "this node"));
        String role = node.getString("node_role", "");
        for (JsonValue value : units) {
            if (value instanceof JsonObject unit && unit.getInt("health", 0) != 0) {
                rows.add(new HealthTable.Row(ip, role, unit.getString("id", "?"), unit.getInt("health", 0),
                        unit.getString("output", "")));
            }
        }
    }
}
