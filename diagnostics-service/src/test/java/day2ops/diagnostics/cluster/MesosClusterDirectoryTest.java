package day2ops.diagnostics.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import day2ops.common.mesos.MesosMasterClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Mesos-backed directory against the recorded Mesos 1.x {@code /master/slaves} response of {@code common}'s
 * test-jar ({@code mesos/slaves.json}), served on loopback.
 */
class MesosClusterDirectoryTest {

    private HttpServer master;
    private final AtomicInteger status = new AtomicInteger(200);

    @BeforeEach
    void startMaster() throws IOException {
        master = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        master.createContext("/master/slaves", exchange -> {
            byte[] body;
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("mesos/slaves.json")) {
                body = in.readAllBytes();
            }
            if (status.get() != 200) {
                exchange.sendResponseHeaders(status.get(), -1);
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        master.start();
    }

    @AfterEach
    void stopMaster() {
        master.stop(0);
    }

    private MesosClusterDirectory directory(List<String> masters) {
        MesosMasterClient mesos = new MesosMasterClient(URI.create("http://127.0.0.1:" + master.getAddress().getPort()),
                Duration.ofSeconds(5), Optional.empty());
        return new MesosClusterDirectory(mesos, masters, 8103);
    }

    @Test
    void mastersFirstThenAgentsWithPublicOnesAsAgentPublic() {
        List<ClusterNode> nodes = directory(List.of("10.0.0.2", "10.0.0.3:9103")).nodes();
        assertEquals(List.of(
                new ClusterNode("10.0.0.2", "master", "10.0.0.2", 8103),
                new ClusterNode("10.0.0.3", "master", "10.0.0.3", 9103),
                new ClusterNode("10.0.1.7", "agent", "10.0.1.7", 8103),
                new ClusterNode("10.0.5.20", "agent_public", "10.0.5.20", 8103),
                new ClusterNode("10.0.5.21", "agent_public", "10.0.5.21", 8103)), nodes);
    }

    @Test
    void aMasterThatIsAlsoAnAgentIsListedOnceAsMaster() {
        List<ClusterNode> nodes = directory(List.of("10.0.1.7")).nodes();
        assertEquals(1, nodes.stream().filter(node -> node.ip().equals("10.0.1.7")).count());
        assertEquals("master", nodes.get(0).role());
    }

    @Test
    void unreadableMesosMasterIsADirectoryErrorNamingTheCause() {
        status.set(503);
        ClusterDirectory.ClusterDirectoryException e = assertThrows(ClusterDirectory.ClusterDirectoryException.class,
                () -> directory(List.of()).nodes());
        assertTrue(e.getMessage().contains("/master/slaves answered HTTP 503"), e.getMessage());
    }

    @Test
    void malformedMasterEntriesAreRejectedNamingTheEntry() {
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> MesosClusterDirectory.parseMasters(List.of("10.0.0.2:http"), 8103));
        assertEquals("diagnostics.cluster.masters entry '10.0.0.2:http' has a malformed port", port.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> MesosClusterDirectory.parseMasters(List.of("10.0.0.2", "10.0.0.2:9000"), 8103));
        assertEquals("diagnostics.cluster.masters lists 10.0.0.2 twice", twice.getMessage());
    }
}
