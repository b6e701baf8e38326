package day2ops.cli.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import day2ops.cli.api.CliException;
import day2ops.cli.testing.FakeAdminrouter;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTableTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void rendersDatapointsSortedWithValuesInTheirUnits() {
        String table = MetricsTable.render("node metrics", json(FakeAdminrouter.resource("cluster/metrics-node.json")));
        assertEquals("""
                node metrics (hostname=agent-1.example, mesos_id=a1b2c3-S0)
                METRIC                                VALUE  TAGS
                cpu.cores                                 2
                cpu.idle                             87.50%
                cpu.total                            12.50%
                filesystem.capacity.used            1.5 KiB  path=/
                filesystem.capacity.used            5.0 GiB  path=/var
                load.1min                              0.52
                memory.free                         1.0 GiB
                memory.total                       15.6 GiB
                network.in                        117.7 MiB  interface=eth0
                swap.total                                -
                system.uptime             93784 (1d 2h 03m)
                """, table);
    }

    @Test
    void unitsOtherThanTheKnownOnesAreAppended() {
        assertEquals("3 req/s", MetricsTable.value(Json.createValue(3), "req/s"));
        assertEquals("12.34 s", MetricsTable.value(Json.createValue(12.34), "seconds"));
    }

    @Test
    void anEmptyMessageSaysSo() {
        assertEquals("node metrics\nno datapoints\n", MetricsTable.render("node metrics", json("{\"datapoints\":[]}")));
    }

    @Test
    void containerIsFoundByTaskIdNameOrUniqueIdPart() {
        Map<String, JsonObject> containers = new LinkedHashMap<>();
        containers.put("6d1e-web", json(FakeAdminrouter.resource("cluster/metrics-container-web.json")));
        containers.put("77aa-db", json(FakeAdminrouter.resource("cluster/metrics-container-db.json")));
        assertEquals("6d1e-web", TaskMetricsCommand.ContainerLookup.find("team_web.5e7f0c2a", containers));
        assertEquals("77aa-db", TaskMetricsCommand.ContainerLookup.find("db", containers));
        assertEquals("6d1e-web", TaskMetricsCommand.ContainerLookup.find("5e7f", containers));
        CliException ambiguous = assertThrows(CliException.class, () -> TaskMetricsCommand.ContainerLookup.find("team_", containers));
        assertEquals("task 'team_' is ambiguous: 6d1e-web (task team_web.5e7f0c2a), 77aa-db (task team_db.88aa)",
                ambiguous.getMessage());
        CliException none = assertThrows(CliException.class, () -> TaskMetricsCommand.ContainerLookup.find("api", containers));
        assertEquals("no container of task 'api' among the 2 container(s) of this node; use --agent for the task's node",
                none.getMessage());
    }
}
