package day2ops.metrics.testing;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Serves the recorded Mesos agent responses under {@code src/test/resources/fixtures/mesos}
 * ({@code GET /containers}, {@code GET /state}) on a loopback ephemeral port, and points the
 * service's container sources at it and at the cgroup v1 fixture tree; StatsD container
 * registrations go to a fresh temporary state file.
 */
public class RecordedMesosAgent implements QuarkusTestResourceLifecycleManager {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    /** What the labelled task "web" exposes; scraped through the port its recorded state advertises. */
    public static final String APP_METRICS = """
            # HELP orders_total Orders taken.
            # TYPE orders_total counter
            orders_total{shop="eu",container_id="spoofed"} 42
            # TYPE queue_depth gauge
            queue_depth 7
            # TYPE request_seconds histogram
            request_seconds_bucket{le="0.1"} 3
            request_seconds_bucket{le="+Inf"} 5
            request_seconds_sum 0.9
            request_seconds_count 5
            """;

    private HttpServer server;
    private HttpServer app;
    private Path stateDir;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind the recorded Mesos agent", e);
        }
        try {
            app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind the application endpoint", e);
        }
        app.createContext("/custom/metrics", exchange -> {
            byte[] bytes = APP_METRICS.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        app.start();
        String appPort = Integer.toString(app.getAddress().getPort());
        serve("/containers", FIXTURES.resolve("mesos/containers.json"), body -> body);
        // The recording advertises port 31000 for the task; point it at the endpoint started here.
        serve("/state", FIXTURES.resolve("mesos/state.json"), body -> body.replace("31000", appPort));
        server.start();
        try {
            stateDir = Files.createTempDirectory("day2ops-metrics-test");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a state directory", e);
        }
        return Map.of(
                "metrics.statsd.state-file", stateDir.resolve("statsd-containers.json").toString(),
                "metrics.containers.sources", "cgroups,mesos",
                "metrics.containers.cgroup-root", FIXTURES.resolve("cgroup-v1").toAbsolutePath().toString(),
                "metrics.containers.cgroup-version", "v1",
                "metrics.apps.node-address", "127.0.0.1",
                "metrics.mesos.agent-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void serve(String path, Path body, java.util.function.UnaryOperator<String> edit) {
        server.createContext(path, exchange -> {
            byte[] bytes = edit.apply(Files.readString(body)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (app != null) {
            app.stop(0);
        }
        if (stateDir != null) {
            try (var files = Files.walk(stateDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // A leftover temp directory is harmless.
            }
        }
    }
}
