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
 * ({@code GET /containers}, {@code GET /state}, v1 {@code GET_CONTAINERS} on {@code POST /api/v1})
 * on a loopback ephemeral port, and points the service's container sources at it and at the
 * cgroup v1 fixture tree; StatsD container registrations go to a fresh temporary state file.
 * Like an agent with HTTP authentication, it answers 401 to a request without the service
 * account token the service is configured to read from its token file. Container network
 * counters are read from a proc tree written here (see {@link #WEB_NET_DEV}).
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

    /** The service account token written to the configured token file. */
    public static final String SERVICE_ACCOUNT_TOKEN = "recorded.service-account.jwt";

    /** The only v1 call the service is expected to make. */
    static final String GET_CONTAINERS_CALL =
            "{\"type\":\"GET_CONTAINERS\",\"get_containers\":{\"show_nested\":true,\"show_standalone\":false}}";

    private HttpServer server;
    private HttpServer app;
    private HttpServer failingApp;
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
        // The "db" task's metrics port answers, but only with errors.
        try {
            // The db task runs with network-scope=container on its own IP, 127.0.0.3 in the recording.
            failingApp = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.3"), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind the failing application endpoint", e);
        }
        failingApp.createContext("/", exchange -> {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        failingApp.start();
        String failingPort = Integer.toString(failingApp.getAddress().getPort());
        serve("/containers", FIXTURES.resolve("mesos/containers.json"), body -> body);
        serve("/api/v1", FIXTURES.resolve("mesos/get_containers.json"), body -> body);
        // The recording advertises ports 31000 (web) and 31003 (db); point them at the endpoints started here.
        serve("/state", FIXTURES.resolve("mesos/state.json"),
                body -> body.replace("31000", appPort).replace("31003", failingPort));
        server.start();
        Path tokenFile;
        Path proc;
        try {
            stateDir = Files.createTempDirectory("day2ops-metrics-test");
            tokenFile = Files.writeString(stateDir.resolve("service-account.jwt"), SERVICE_ACCOUNT_TOKEN + "\n");
            proc = containerProc(stateDir.resolve("proc"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a state directory", e);
        }
        return Map.of(
                "metrics.mesos.token-file", tokenFile.toString(),
                "metrics.containers.procfs", proc.toString(),
                "metrics.statsd.state-file", stateDir.resolve("statsd-containers.json").toString(),
                "metrics.containers.sources", "cgroups,mesos",
                "metrics.containers.cgroup-root", FIXTURES.resolve("cgroup-v1").toAbsolutePath().toString(),
                "metrics.containers.cgroup-version", "v1",
                "metrics.apps.node-address", "127.0.0.1",
                "metrics.mesos.agent-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** What {@code /proc/8911/net/dev} of the "web" container (first PID of its cgroup fixture) holds. */
    public static final String WEB_NET_DEV = """
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                lo:  640000    4000    0    0    0     0          0         0   640000    4000    0    0    0     0       0          0
              eth0:   55000     420    0    1    0     0          0         0    66000     510    0    0    0     0       0          0
            """;

    /**
     * A proc tree for the cgroup fixture's processes: this service in one network namespace, the
     * "web" container's first process (8911) in another, with {@link #WEB_NET_DEV}; so the result
     * never depends on which PIDs happen to exist on the machine running the tests.
     */
    private static Path containerProc(Path proc) throws IOException {
        Files.createDirectories(proc.resolve("self/ns"));
        Files.createSymbolicLink(proc.resolve("self/ns/net"), Path.of("net:[4026531840]"));
        Files.createDirectories(proc.resolve("8911/ns"));
        Files.createDirectories(proc.resolve("8911/net"));
        Files.createSymbolicLink(proc.resolve("8911/ns/net"), Path.of("net:[4026532999]"));
        Files.writeString(proc.resolve("8911/net/dev"), WEB_NET_DEV);
        return proc;
    }

    private void serve(String path, Path body, java.util.function.UnaryOperator<String> edit) {
        server.createContext(path, exchange -> {
            if (!("token=" + SERVICE_ACCOUNT_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Mesos realm=\"mesos\"");
                exchange.sendResponseHeaders(401, -1);
                exchange.close();
                return;
            }
            if (path.equals("/api/v1")) {
                String call = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                if (!exchange.getRequestMethod().equals("POST") || !call.equals(GET_CONTAINERS_CALL)) {
                    exchange.sendResponseHeaders(400, -1);
                    exchange.close();
                    return;
                }
            }
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
        if (failingApp != null) {
            failingApp.stop(0);
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
