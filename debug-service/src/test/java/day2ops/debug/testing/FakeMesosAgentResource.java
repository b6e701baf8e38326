package day2ops.debug.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import day2ops.debug.exec.mesos.RecordIo;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A Mesos agent on loopback speaking the v1 operator API as the Mesos docs describe it: {@code GET /state}
 * lists one Marathon task ({@value #TASK} in container {@value #CONTAINER}); {@code POST /api/v1} takes
 * {@code LAUNCH_NESTED_CONTAINER_SESSION} (runs the command as a local process, streams its output as
 * RecordIO {@code ProcessIO} records, {@code Content-Type: application/recordio},
 * {@code Message-Content-Type: application/json}), a streaming {@code ATTACH_CONTAINER_INPUT}
 * (RecordIO request body; stdin DATA goes to the process, an empty chunk closes it),
 * {@code WAIT_CONTAINER} (the raw wait status) and {@code KILL_NESTED_CONTAINER}. Every call and input
 * record is recorded in {@link #CALLS} for the tests to inspect.
 */
public class FakeMesosAgentResource implements QuarkusTestResourceLifecycleManager {

    public static final String TASK = "team_app.6e3c5579-badb-11ee-8c90-0242ac120002";
    public static final String CONTAINER = "f84ce3a5-8a5e-4a3b-9a4f-0c1d2e3f4a5b";
    /** Every JSON call and every ATTACH_CONTAINER_INPUT record, in arrival order. */
    public static final List<JsonNode> CALLS = new CopyOnWriteArrayList<>();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATE = """
            {"id":"S3","hostname":"127.0.0.1","frameworks":[{"id":"F-0001","name":"marathon","role":"*",
             "executors":[{"id":"%s","name":"Command Executor","container":"%s",
              "tasks":[{"id":"%s","name":"app","framework_id":"F-0001","executor_id":"","state":"TASK_RUNNING"}]}]}]}
            """.formatted(TASK, CONTAINER, TASK);

    private final Map<String, Process> containers = new ConcurrentHashMap<>();
    private HttpServer agent;
    private ExecutorService threads;

    @Override
    public Map<String, String> start() {
        try {
            agent = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads = Executors.newCachedThreadPool();
        agent.setExecutor(threads);
        agent.createContext("/state", exchange -> respond(exchange, 200, "application/json", STATE.getBytes(StandardCharsets.UTF_8)));
        agent.createContext("/api/v1", this::api);
        agent.start();
        return Map.of("debug.mesos.agent-url", "http://127.0.0.1:" + agent.getAddress().getPort(),
                "debug.exec.backend", "mesos",
                "debug.mesos.heartbeat", "PT0.2S");
    }

    private void api(HttpExchange exchange) throws IOException {
        try {
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if ("application/recordio".equals(type)) {
                attachInput(exchange);
                return;
            }
            JsonNode call = JSON.readTree(exchange.getRequestBody());
            CALLS.add(call);
            switch (call.path("type").asText()) {
                case "LAUNCH_NESTED_CONTAINER_SESSION" -> launch(exchange, call.path("launch_nested_container_session"));
                case "WAIT_CONTAINER" -> {
                    Process process = containers.get(call.path("wait_container").path("container_id").path("value").asText());
                    int exit = process.waitFor();
                    int raw = exit > 128 ? exit - 128 : exit << 8; // what waitpid reports: signal, or code << 8
                    respond(exchange, 200, "application/json",
                            ("{\"type\":\"WAIT_CONTAINER\",\"wait_container\":{\"exit_status\":" + raw + "}}").getBytes(StandardCharsets.UTF_8));
                }
                case "KILL_NESTED_CONTAINER" -> {
                    Process process = containers.get(call.path("kill_nested_container").path("container_id").path("value").asText());
                    if (process != null) {
                        process.destroyForcibly();
                    }
                    respond(exchange, 200, "application/json", new byte[0]);
                }
                default -> respond(exchange, 400, "text/plain", ("unknown call " + call.path("type")).getBytes(StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void launch(HttpExchange exchange, JsonNode launch) throws IOException {
        List<String> argv = new ArrayList<>();
        launch.path("command").path("arguments").forEach(argument -> argv.add(argument.asText()));
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().clear();
        launch.path("command").path("environment").path("variables")
                .forEach(v -> builder.environment().put(v.path("name").asText(), v.path("value").asText()));
        Process process = builder.start();
        containers.put(launch.path("container_id").path("value").asText(), process);
        exchange.getResponseHeaders().add("Content-Type", "application/recordio");
        exchange.getResponseHeaders().add("Message-Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        OutputStream body = exchange.getResponseBody();
        Thread err = new Thread(() -> stream(process.getErrorStream(), "STDERR", body));
        err.start();
        stream(process.getInputStream(), "STDOUT", body);
        try {
            err.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        body.close();
    }

    private static void stream(InputStream output, String type, OutputStream body) {
        byte[] buffer = new byte[4096];
        try (output) {
            int n;
            while ((n = output.read(buffer)) >= 0) {
                String record = "{\"type\":\"DATA\",\"data\":{\"type\":\"" + type + "\",\"data\":\""
                        + Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer, n)) + "\"}}";
                synchronized (body) {
                    body.write(RecordIo.encode(record.getBytes(StandardCharsets.UTF_8)));
                    body.flush();
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private void attachInput(HttpExchange exchange) throws IOException {
        RecordIo.Decoder decoder = new RecordIo.Decoder(1 << 20);
        Process process = null;
        byte[] buffer = new byte[4096];
        InputStream in = exchange.getRequestBody();
        int n;
        while ((n = in.read(buffer)) >= 0) {
            for (byte[] bytes : decoder.feed(buffer, 0, n)) {
                JsonNode record = JSON.readTree(bytes);
                CALLS.add(record);
                JsonNode input = record.path("attach_container_input");
                if ("CONTAINER_ID".equals(input.path("type").asText())) {
                    process = containers.get(input.path("container_id").path("value").asText());
                } else if (process == null) {
                    respond(exchange, 400, "text/plain", "the first record must be CONTAINER_ID".getBytes(StandardCharsets.UTF_8));
                    return;
                } else if ("DATA".equals(input.path("process_io").path("type").asText())) {
                    byte[] data = Base64.getDecoder().decode(input.path("process_io").path("data").path("data").asText());
                    try {
                        if (data.length == 0) {
                            process.getOutputStream().close();
                        } else {
                            process.getOutputStream().write(data);
                            process.getOutputStream().flush();
                        }
                    } catch (IOException e) {
                        // the command closed its stdin
                    }
                }
            }
        }
        respond(exchange, 200, "application/json", new byte[0]);
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void stop() {
        containers.values().forEach(Process::destroyForcibly);
        if (agent != null) {
            agent.stop(0);
        }
        if (threads != null) {
            threads.shutdownNow();
        }
    }
}
