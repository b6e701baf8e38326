package day2ops.common.mesos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent client against recorded {@code /containers} and {@code /state} responses served on loopback. */
class MesosAgentClientTest {

    private HttpServer agent;
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private final AtomicReference<String> v1Call = new AtomicReference<>();
    private final AtomicReference<String> v1Method = new AtomicReference<>();
    private final AtomicReference<String> v1ContentType = new AtomicReference<>();

    @TempDir
    Path tempDir;

    @BeforeEach
    void startAgent() throws IOException {
        agent = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serve("/containers", "mesos/containers.json");
        serve("/state", "mesos/state.json");
        agent.createContext("/api/v1", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            v1Method.set(exchange.getRequestMethod());
            v1ContentType.set(exchange.getRequestHeaders().getFirst("Content-Type"));
            v1Call.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body;
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("mesos/get_containers.json")) {
                body = in.readAllBytes();
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        agent.createContext("/broken", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        agent.start();
    }

    @AfterEach
    void stopAgent() {
        agent.stop(0);
    }

    private void serve(String path, String resource) {
        agent.createContext(path, exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body;
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
                body = in.readAllBytes();
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + agent.getAddress().getPort());
    }

    @Test
    void readsContainersWithStatistics() throws IOException {
        MesosAgentClient client = new MesosAgentClient(base(), Duration.ofSeconds(5), Optional.of("token=abc"));
        List<AgentContainer> containers = client.containers();
        assertEquals(2, containers.size());
        AgentContainer web = containers.get(0);
        assertEquals("f84ce3a5-8a5e-4a3b-9a4f-0c1d2e3f4a5b", web.containerId());
        assertEquals("team_web.6e3c5579-badb-11ee-8c90-0242ac120002", web.executorId());
        assertEquals(1.25, ((Number) web.statistics().get("cpus_user_time_secs")).doubleValue());
        assertEquals("token=abc", authorization.get());
    }

    @Test
    void readsStateFrameworksExecutorsTasksAndLabels() throws IOException {
        AgentState state = new MesosAgentClient(base(), Duration.ofSeconds(5), Optional.empty()).state();
        assertEquals("d6e6b2f8-5b5a-4c46-9a4e-4a1c8c8a4c1e-S3", state.id());
        AgentState.Framework marathon = state.frameworks().get(0);
        assertEquals("marathon", marathon.name());
        assertEquals("dcos_marathon", marathon.principal());
        AgentState.Executor executor = marathon.executors().get(0);
        assertEquals("f84ce3a5-8a5e-4a3b-9a4f-0c1d2e3f4a5b", executor.container());
        assertEquals("web", executor.tasks().get(0).name());
        assertEquals("team", executor.tasks().get(0).labels().get(1).key());
    }

    @Test
    void non2xxAnswerNamesEndpointAndStatus() {
        MesosAgentClient client = new MesosAgentClient(base().resolve("/broken/"), Duration.ofSeconds(5),
                Optional.empty());
        IOException e = assertThrows(IOException.class, client::containers);
        assertTrue(e.getMessage().contains("/containers answered HTTP 503"), e.getMessage());
    }

    @Test
    void v1GetContainersPostsTheCallAndReadsNestedContainers() throws IOException {
        MesosAgentClient client = new MesosAgentClient(base(), Duration.ofSeconds(5), Optional.of("token=abc"));
        List<AgentContainerV1> containers = client.getContainers(true, false);

        assertEquals("POST", v1Method.get());
        assertEquals("application/json", v1ContentType.get());
        assertEquals("{\"type\":\"GET_CONTAINERS\",\"get_containers\":{\"show_nested\":true,\"show_standalone\":false}}",
                v1Call.get());
        assertEquals("token=abc", authorization.get());
        assertEquals(3, containers.size());
        AgentContainerV1 web = containers.get(0);
        assertEquals("f84ce3a5-8a5e-4a3b-9a4f-0c1d2e3f4a5b", web.containerId().value());
        assertNull(web.containerId().parent());
        assertEquals("team_web.6e3c5579-badb-11ee-8c90-0242ac120002", web.executorIdValue());
        assertEquals("d6e6b2f8-5b5a-4c46-9a4e-4a1c8c8a4c1e-0001", web.frameworkIdValue());
        assertEquals(1.25, ((Number) web.resourceStatistics().get("cpus_user_time_secs")).doubleValue());
        AgentContainerV1 nested = containers.get(2);
        assertEquals("5c6d7e8f-1111-4222-8333-00000000db02", nested.containerId().value());
        assertEquals("0a1b2c3d-0000-4000-8000-00000000db01", nested.containerId().rootValue());
    }

    @Test
    void serviceAccountTokenIsReReadForEveryCall() throws IOException {
        Path token = tempDir.resolve("token");
        Files.writeString(token, "first.jwt.value\n");
        MesosAgentClient client = new MesosAgentClient(base(), Duration.ofSeconds(5),
                MesosAgentClient.serviceAccountToken(token));
        client.getContainers(true, false);
        assertEquals("token=first.jwt.value", authorization.get());
        Files.writeString(token, "rotated.jwt.value");
        client.containers();
        assertEquals("token=rotated.jwt.value", authorization.get());
    }

    @Test
    void missingTokenFileFailsTheCallNamingTheFile() {
        Path token = tempDir.resolve("absent");
        MesosAgentClient client = new MesosAgentClient(base(), Duration.ofSeconds(5),
                MesosAgentClient.serviceAccountToken(token));
        IOException e = assertThrows(IOException.class, () -> client.getContainers(true, false));
        assertTrue(e.getMessage().contains(token.toString()), e.getMessage());
        assertNull(v1Call.get(), "no unauthenticated request is sent");
    }

    @Test
    void v1ResponseOfAnotherTypeIsRejected() {
        IOException e = assertThrows(IOException.class,
                () -> MesosAgentClient.parseGetContainers("{\"type\":\"GET_STATE\",\"get_state\":{}}"));
        assertTrue(e.getMessage().contains("'GET_STATE', expected GET_CONTAINERS"), e.getMessage());
    }

    @Test
    void v1ResponseWithoutContainersIsEmpty() throws IOException {
        assertEquals(List.of(), MesosAgentClient.parseGetContainers("{\"type\":\"GET_CONTAINERS\",\"get_containers\":{}}"));
    }

    @Test
    void emptyContainerListParses() throws IOException {
        assertEquals(List.of(), MesosAgentClient.parseContainers("[]"));
    }
}
