package day2ops.common.mesos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The master client against a recorded Mesos 1.x {@code /master/slaves} response served on loopback. */
class MesosMasterClientTest {

    private HttpServer master;
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private final AtomicReference<String> path = new AtomicReference<>();

    @BeforeEach
    void startMaster() throws IOException {
        master = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        master.createContext("/master/slaves", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            path.set(exchange.getRequestURI().getPath());
            byte[] body;
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("mesos/slaves.json")) {
                body = in.readAllBytes();
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        master.createContext("/down", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        master.start();
    }

    @AfterEach
    void stopMaster() {
        master.stop(0);
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + master.getAddress().getPort());
    }

    @Test
    void readsRegisteredAgentsButNotRecoveredOnes() throws IOException {
        List<MasterAgent> agents = new MesosMasterClient(base(), Duration.ofSeconds(5), Optional.of("token=sa")).agents();
        assertEquals(List.of("d6e6b2f8-5b5a-4c46-9a4e-4a1c8c8a4c1e-S3", "d6e6b2f8-5b5a-4c46-9a4e-4a1c8c8a4c1e-S1",
                "d6e6b2f8-5b5a-4c46-9a4e-4a1c8c8a4c1e-S4"), agents.stream().map(MasterAgent::id).toList());
        assertEquals("token=sa", authorization.get());
        assertEquals("/master/slaves", path.get());
    }

    @Test
    void addressIsThePidsHostEvenWhenHostnameIsADnsName() throws IOException {
        List<MasterAgent> agents = MesosMasterClient.parseAgents(fixture());
        assertEquals("10.0.1.7", agents.get(0).address());
        assertEquals("public-2.example.internal", agents.get(2).hostname());
        assertEquals("10.0.5.21", agents.get(2).address());
    }

    @Test
    void addressFallsBackToHostnameWithoutPid() throws IOException {
        MasterAgent agent = MesosMasterClient.parseAgents("{\"slaves\":[{\"id\":\"a\",\"hostname\":\"10.9.9.9\"}]}").get(0);
        assertEquals("10.9.9.9", agent.address());
    }

    @Test
    void publicAgentsByPublicIpAttributeOrSlavePublicReservation() throws IOException {
        List<MasterAgent> agents = MesosMasterClient.parseAgents(fixture());
        assertFalse(agents.get(0).isPublic(), "no attribute, no slave_public reservation");
        assertTrue(agents.get(1).isPublic(), "public_ip attribute");
        assertTrue(agents.get(2).isPublic(), "slave_public reservation only");
        assertFalse(agents.get(2).active());
    }

    @Test
    void authorizationIsAskedForOnEveryCallAndItsFailureFailsTheCall() throws IOException {
        AtomicReference<String> token = new AtomicReference<>("token=first");
        MesosMasterClient client = new MesosMasterClient(base(), Duration.ofSeconds(5), () -> {
            if (token.get() == null) {
                throw new java.io.UncheckedIOException(new IOException("token file /x does not exist"));
            }
            return Optional.of(token.get());
        });
        client.agents();
        assertEquals("token=first", authorization.get());
        token.set("token=rotated");
        client.agents();
        assertEquals("token=rotated", authorization.get());
        token.set(null);
        IOException e = assertThrows(IOException.class, client::agents);
        assertTrue(e.getMessage().contains("token file /x does not exist"), e.getMessage());
    }

    @Test
    void bodyWithoutSlavesArrayIsAnError() {
        IOException e = assertThrows(IOException.class, () -> MesosMasterClient.parseAgents("{\"recovered_slaves\":[]}"));
        assertTrue(e.getMessage().contains("without a \"slaves\" array"), e.getMessage());
    }

    @Test
    void non2xxAnswerNamesEndpointAndStatus() {
        MesosMasterClient client = new MesosMasterClient(base().resolve("/down/"), Duration.ofSeconds(5), Optional.empty());
        IOException e = assertThrows(IOException.class, client::agents);
        assertTrue(e.getMessage().contains("/master/slaves answered HTTP 503"), e.getMessage());
    }

    private String fixture() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("mesos/slaves.json")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
