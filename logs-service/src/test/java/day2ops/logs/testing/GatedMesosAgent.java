package day2ops.logs.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in Mesos agent whose {@code GET /state} (the recorded {@code mesos/agent-state.json}) the test
 * controls over HTTP on the same loopback port, so it works whichever class loader the test runs in:
 * {@code POST /control/hold} makes {@code /state} calls wait until {@code POST /control/release};
 * {@code POST /control/fail} makes them answer 503 until {@code POST /control/ok};
 * {@code GET /control/requests} counts the {@code /state} calls received.
 */
public class GatedMesosAgent implements QuarkusTestResourceLifecycleManager {

    private HttpServer server;
    private ExecutorService executor;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile boolean failing;

    @Override
    public Map<String, String> start() {
        byte[] state;
        try (InputStream in = GatedMesosAgent.class.getClassLoader().getResourceAsStream("mesos/agent-state.json")) {
            state = in.readAllBytes();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/state", exchange -> {
            requests.incrementAndGet();
            try {
                gate.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failing) {
                reply(exchange, 503, "agent unavailable".getBytes(StandardCharsets.UTF_8));
            } else {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                reply(exchange, 200, state);
            }
        });
        server.createContext("/control/", exchange -> {
            switch (exchange.getRequestURI().getPath()) {
                case "/control/hold" -> gate = new CountDownLatch(1);
                case "/control/release" -> gate.countDown();
                case "/control/fail" -> failing = true;
                case "/control/ok" -> failing = false;
                default -> { }
            }
            reply(exchange, 200, Integer.toString(requests.get()).getBytes(StandardCharsets.UTF_8));
        });
        server.start();
        return Map.of("logs.mesos.agent-url", url());
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void stop() {
        gate.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    /** Client side of the control endpoints (the agent URL comes from the service's configuration). */
    public static final class Control {
        private static final HttpClient CLIENT = HttpClient.newHttpClient();
        private final String base;

        public Control(String agentUrl) {
            this.base = agentUrl;
        }

        public int call(String action) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/control/" + action))
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            return Integer.parseInt(CLIENT.send(request, HttpResponse.BodyHandlers.ofString()).body());
        }
    }
}
