package day2ops.common.marathon;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** The Marathon client against a recorded {@code /v2/queue?embed=lastUnusedOffers} served on loopback. */
class MarathonClientTest {

    private HttpServer marathon;
    private final AtomicReference<String> query = new AtomicReference<>();
    private final AtomicReference<String> authorization = new AtomicReference<>();

    @BeforeEach
    void startMarathon() throws IOException {
        marathon = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        marathon.createContext("/v2/queue", exchange -> {
            query.set(exchange.getRequestURI().getQuery());
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body;
            try (InputStream recorded = getClass().getClassLoader().getResourceAsStream("marathon/queue.json")) {
                body = recorded.readAllBytes();
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        marathon.start();
    }

    @AfterEach
    void stopMarathon() {
        marathon.stop(0);
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + marathon.getAddress().getPort() + "/");
    }

    @Test
    void readsTheQueueWithLastUnusedOffers() throws IOException {
        MarathonQueue queue = new MarathonClient(base(), Duration.ofSeconds(10), Optional.of("token=abc")).queue();
        assertEquals("embed=lastUnusedOffers", query.get());
        assertEquals("token=abc", authorization.get());
        assertEquals(List.of("/team/app", "/team/pod", "/team/fresh"),
                queue.queue().stream().map(MarathonQueue.Entry::runSpecId).toList());

        MarathonQueue.Entry app = queue.entry("/team/app").orElseThrow();
        assertEquals(4.0, app.app().cpus());
        assertEquals(List.of("*"), app.app().acceptedResourceRoles());
        assertEquals(36, app.processedOffersSummary().processedOffersCount());
        MarathonQueue.ReasonCount cpus = app.processedOffersSummary().rejectSummaryLaunchAttempt().get(4);
        assertEquals(new MarathonQueue.ReasonCount("InsufficientCpus", 36, 36), cpus);
        MarathonQueue.UnusedOffer offer = app.lastUnusedOffers().get(0);
        assertEquals("10.0.0.193", offer.offer().hostname());
        assertEquals(2.0, offer.offer().scalar("cpus"));
        assertEquals(List.of("InsufficientCpus"), offer.reason());

        MarathonQueue.Entry pod = queue.entry("/team/pod").orElseThrow();
        assertEquals(2, pod.pod().containers().size());
        assertEquals("IS", pod.pod().scheduling().placement().constraints().get(0).operator());
        assertTrue(queue.entry("/team/other").isEmpty());
    }

    @Test
    void nonSuccessStatusIsAnIoExceptionNamingTheEndpoint() {
        marathon.createContext("/broken/v2/queue", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        IOException failure = assertThrows(IOException.class, () -> new MarathonClient(
                URI.create(base() + "broken"), Duration.ofSeconds(10), Optional.empty()).queue());
        assertEquals("Marathon /v2/queue?embed=lastUnusedOffers answered HTTP 503", failure.getMessage());
    }

    @Test
    void emptyQueueParses() throws IOException {
        assertEquals(List.of(), MarathonClient.parseQueue("{\"queue\":[]}").queue());
    }
}
