package day2ops.metrics.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import day2ops.common.mesos.MesosAgentClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScrapeTargetsTest {

    @Test
    void findsLabelledPortAndTaskLabelTargets() throws Exception {
        List<ScrapeTarget> targets = ScrapeTargets.discover(MesosAgentClient.parseState(
                Files.readString(Path.of("src/test/resources/fixtures/mesos/state.json"))), "127.0.0.1");
        assertEquals(List.of(
                // Port label DCOS_METRICS_FORMAT=prometheus with its own endpoint path, node address.
                new ScrapeTarget("f84ce3a5-8a5e-4a3b-9a4f-0c1d2e3f4a5b", URI.create("http://127.0.0.1:31000/custom/metrics")),
                // Task labels select the port by name; network-scope=container uses the task IP.
                new ScrapeTarget("0a1b2c3d-0000-4000-8000-00000000db01", URI.create("http://127.0.0.3:31003/metrics"))),
                targets);
    }
}
