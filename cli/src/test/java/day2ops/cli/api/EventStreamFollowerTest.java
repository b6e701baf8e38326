package day2ops.cli.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import day2ops.cli.testing.FakeAdminrouter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Following an event stream across dropped connections, redirects and restarts, against a loopback server. */
class EventStreamFollowerTest {

    private static final String DISCOVERY = "/system/v1/logs/v2/task/web.1/file/stdout";
    private static final String SANDBOX = "/system/v1/agent/local/logs/v2/task/frameworks/f/executors/e/runs/c/stdout";

    private final FakeAdminrouter adminrouter = new FakeAdminrouter();
    private final ByteArrayOutputStream notices = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        adminrouter.close();
    }

    private static String frame(long offset, String line) {
        return "id: " + offset + "\ndata: {\"fields\":{\"MESSAGE\":\"" + line + "\"},\"cursor\":\"" + offset + "\"}\n\n";
    }

    private static void stream(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private List<String> follow(String path, int events) {
        ClusterClient client = new ClusterClient(URI.create(adminrouter.url()), "jwt");
        List<String> seen = new ArrayList<>();
        new EventStreamFollower(client, new PrintStream(notices, true, StandardCharsets.UTF_8), Duration.ofMillis(1),
                Duration.ofMillis(20)).follow(client.uri(path), event -> {
                    seen.add(LogLinesForTest.message(event.data()));
                    return seen.size() < events;
                });
        return seen;
    }

    @Test
    void resumesAfterLastEventIdOnTheRedirectTargetWhenTheConnectionDrops() {
        adminrouter.on("GET", DISCOVERY, (exchange, request) -> {
            exchange.getResponseHeaders().add("Location", SANDBOX + "?" + request.query());
            FakeAdminrouter.respond(exchange, 303, null, "");
        });
        adminrouter.on("GET", SANDBOX, (exchange, request) -> {
            String last = request.header("Last-Event-ID");
            if (last == null) {
                // two whole lines, then the connection drops in the middle of the third frame
                stream(exchange, frame(4, "one") + frame(8, "two") + "id: 14\ndata: {\"fields\":{\"MESS");
            } else if (last.equals("8")) {
                stream(exchange, frame(14, "three") + frame(19, "four"));
            } else {
                FakeAdminrouter.respond(exchange, 400, "application/problem+json", "{\"detail\":\"unexpected id " + last + "\"}");
            }
        });

        assertEquals(List.of("one", "two", "three", "four"), follow(DISCOVERY + "?cursor=END&skip=-2", 4));

        assertEquals(1, adminrouter.requests(DISCOVERY).size(), "discovery is asked once; reconnects go to the sandbox");
        List<FakeAdminrouter.Request> sandbox = adminrouter.requests(SANDBOX);
        assertEquals(2, sandbox.size());
        assertNull(sandbox.get(0).header("Last-Event-ID"));
        assertEquals("cursor=END&skip=-2", sandbox.get(0).query());
        assertEquals("8", sandbox.get(1).header("Last-Event-ID"));
        for (FakeAdminrouter.Request request : adminrouter.requests()) {
            assertEquals("token=jwt", request.header("Authorization"));
            assertEquals("text/event-stream", request.header("Accept"));
        }
        assertTrue(notices.toString(StandardCharsets.UTF_8).contains("reconnecting in 1 ms after event 8"), notices.toString());
    }

    @Test
    void keepsRetryingWhileAdminrouterAnswers503AfterTheFirstConnection() {
        AtomicInteger calls = new AtomicInteger();
        adminrouter.on("GET", "/system/v1/logs/v2/component", (exchange, request) -> {
            switch (calls.incrementAndGet()) {
                case 1 -> stream(exchange, frame(1, "a"));
                case 2, 3 -> FakeAdminrouter.respond(exchange, 503, "application/problem+json",
                        "{\"status\":503,\"detail\":\"logs-service is restarting\"}");
                default -> stream(exchange, "1".equals(request.header("Last-Event-ID")) ? frame(2, "b") : frame(99, "wrong"));
            }
        });
        assertEquals(List.of("a", "b"), follow("/system/v1/logs/v2/component", 2));
        assertEquals(4, calls.get());
        assertTrue(notices.toString(StandardCharsets.UTF_8).contains("503 Service Unavailable: logs-service is restarting"));
    }

    @Test
    void aRefusalOnTheFirstConnectionEndsTheFollowWithTheProblem() {
        adminrouter.on("GET", "/system/v1/logs/v2/component", 403, "application/problem+json",
                "{\"status\":403,\"detail\":\"permission dcos:adminrouter:ops:system-logs required\"}");
        ApiException refused = assertThrows(ApiException.class, () -> follow("/system/v1/logs/v2/component", 1));
        assertEquals("403 Forbidden: permission dcos:adminrouter:ops:system-logs required", refused.getMessage());
        assertEquals(1, adminrouter.requests().size());
    }

    @Test
    void noticesShowTheHeadOfALongJournalCursor() {
        assertEquals("s=65a9996216d84072a956b6fde0c83…", EventStreamFollower.abbreviate(
                "s=65a9996216d84072a956b6fde0c83fca;i=6144c;b=27e41b670e1c4656baccdeb9eef8c276;m=2722c121b;t=660ca4eda8819"));
        assertEquals("1234", EventStreamFollower.abbreviate("1234"));
    }

    /** The MESSAGE of an entry, without pulling in the logs package's formatting. */
    static final class LogLinesForTest {
        static String message(String json) {
            int start = json.indexOf("\"MESSAGE\":\"") + 11;
            return json.substring(start, json.indexOf('"', start));
        }
    }
}
