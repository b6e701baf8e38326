package day2ops.diagnostics.bundle;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import day2ops.common.auth.Permissions;
import day2ops.common.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Everything a node bundle collects, made real for the test: a journal directory written by
 * {@code systemd-journal-remote}, a units list, files with secrets in them, a loopback HTTP server with
 * endpoints that answer, fail, or hold (until released over its {@code /control/release}), two commands (one
 * that times out), the checks fixture, and a cluster of this instance (at a fixed port) plus an unreachable
 * node, called with a service-account token file.
 */
public class BundleFixtures implements QuarkusTestResourceLifecycleManager {

    public static final String UNIT = "d2o-bundle.service";
    public static final String OTHER_UNIT = "d2o-other.service";
    public static final String UNREACHABLE_NODE = "127.0.0.9";

    private Path dir;
    private HttpServer server;
    private volatile CountDownLatch hold = new CountDownLatch(0);

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("day2ops-bundle-test");
            Instant now = Instant.now();
            JournalFiles.write(dir.resolve("journal"), List.of(
                    new JournalFiles.Line(now.minus(Duration.ofHours(48)), UNIT, "too old to be in the window"),
                    new JournalFiles.Line(now.minus(Duration.ofHours(2)), UNIT, "service starting"),
                    new JournalFiles.Line(now.minus(Duration.ofHours(1)), OTHER_UNIT, "a line of another unit"),
                    new JournalFiles.Line(now.minus(Duration.ofMinutes(50)), UNIT, "connecting with password=hunter2 to db"),
                    new JournalFiles.Line(now.minus(Duration.ofMinutes(30)), UNIT,
                            "sent Authorization: token=eyJhbGciOiJSUzI1NiJ9.eyJ1aWQiOiJvcHMifQ.c2lnbmF0dXJl ok")));
            Files.createDirectories(dir.resolve("units"));
            Files.writeString(dir.resolve("units").resolve(UNIT), "");
            Path etc = Files.createDirectories(dir.resolve("etc"));
            Files.writeString(etc.resolve("app.conf"), String.join("\n",
                    "listen=0.0.0.0",
                    "db_password: s3cret-value",
                    "-----BEGIN RSA PRIVATE KEY-----",
                    "MIIEowIBAAKCAQEAsecretkeymaterial",
                    "-----END RSA PRIVATE KEY-----",
                    "after_key=visible", ""));
            Path logs = Files.createDirectories(dir.resolve("logs"));
            Files.writeString(logs.resolve("a.log"), "log a line\n");
            Files.writeString(logs.resolve("b.log"), "log b line\n");
            Files.writeString(logs.resolve("c.txt"), "not matched by the glob\n");
            Path token = dir.resolve("service-account.jwt");
            Files.writeString(token, TestTokens.token("dcos_diagnostics_master", Permissions.SYSTEM_HEALTH));

            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/status", exchange -> answer(exchange, 200, "{\"ok\":true,\n\"api_key\":\"k-123\"}\n"));
            server.createContext("/missing", exchange -> answer(exchange, 404, "no such thing\n"));
            server.createContext("/slow", exchange -> {
                try {
                    hold.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                answer(exchange, 200, "slow answer\n");
            });
            server.createContext("/control/hold", exchange -> {
                hold = new CountDownLatch(1);
                answer(exchange, 200, "held\n");
            });
            server.createContext("/control/release", exchange -> {
                hold.countDown();
                answer(exchange, 200, "released\n");
            });
            server.start();
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }

            Map<String, String> config = new HashMap<>();
            config.put("quarkus.http.test-port", Integer.toString(port));
            config.put("diagnostics.bundle-dir", dir.resolve("bundles").toString());
            config.put("diagnostics.health.units-dir", dir.resolve("units").toString());
            config.put("diagnostics.health.journal-directory", dir.resolve("journal").toString());
            config.put("diagnostics.bundles.files", etc.resolve("app.conf") + "," + logs + "/*.log," + etc.resolve("missing.conf"));
            config.put("diagnostics.bundles.endpoints.status.url", base + "/status");
            config.put("diagnostics.bundles.endpoints.missing.url", base + "/missing");
            config.put("diagnostics.bundles.endpoints.missing.optional", "true");
            config.put("diagnostics.bundles.endpoints.slow.url", base + "/slow");
            config.put("diagnostics.bundles.endpoints.slow.optional", "true");
            config.put("diagnostics.bundles.endpoint-timeout", "90s");
            config.put("diagnostics.bundles.commands[0].args", "sh,-c,echo command-ran; echo secret=abc123");
            config.put("diagnostics.bundles.commands[1].args", "sh,-c,echo started; exec sleep 60");
            config.put("diagnostics.bundles.command-timeout", "2s");
            config.put("diagnostics.bundles.parallelism", "4");
            config.put("diagnostics.cluster.nodes", "agent:127.0.0.1:" + port + ",agent:" + UNREACHABLE_NODE + ":1");
            config.put("diagnostics.cluster.service-account-token-file", token.toString());
            config.put("diagnostics.cluster.pull-interval", "1h");
            config.put("bundle-fixtures.control", base + "/control");
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            hold.countDown();
            server.stop(0);
        }
        if (dir != null) {
            try (Stream<Path> tree = Files.walk(dir)) {
                for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
