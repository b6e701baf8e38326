package day2ops.debug.testing;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * Marathon on loopback answering {@code GET /v2/queue?embed=lastUnusedOffers} with the recorded response
 * {@code marathon/queue.json} (from common's test-jar): an app short of cpus, a pod whose constraint no
 * agent meets, and an app in launch back-off that has seen no offers.
 */
public class RecordedMarathonResource implements QuarkusTestResourceLifecycleManager {

    private HttpServer marathon;

    @Override
    public Map<String, String> start() {
        try {
            marathon = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        marathon.createContext("/v2/queue", exchange -> {
            if (!"embed=lastUnusedOffers".equals(exchange.getRequestURI().getQuery())) {
                exchange.sendResponseHeaders(400, -1);
                exchange.close();
                return;
            }
            byte[] body;
            try (InputStream recorded = RecordedMarathonResource.class.getClassLoader().getResourceAsStream("marathon/queue.json")) {
                body = recorded.readAllBytes();
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        marathon.start();
        return Map.of("debug.marathon.url", "http://127.0.0.1:" + marathon.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (marathon != null) {
            marathon.stop(0);
        }
    }
}
