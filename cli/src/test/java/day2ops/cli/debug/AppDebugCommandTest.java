package day2ops.cli.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code day2 app debug} against a debug API on loopback answering with a recorded offer report. */
@QuarkusMainTest
class AppDebugCommandTest {

    private HttpServer api;
    private final AtomicReference<String> authorization = new AtomicReference<>();

    @BeforeEach
    void startApi() throws IOException {
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/system/v1/debug/v1/deployments/team/app/offers", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body;
            try (InputStream recorded = getClass().getClassLoader().getResourceAsStream("debug/offer-report.json")) {
                body = recorded.readAllBytes();
            }
            respond(exchange, 200, "application/json", body);
        });
        api.createContext("/system/v1/debug/v1/deployments/team/running/offers", exchange -> respond(exchange, 404,
                "application/problem+json", "{\"status\":404,\"detail\":\"/team/running is not waiting for offers\"}"
                        .getBytes(StandardCharsets.UTF_8)));
        api.start();
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String type, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @AfterEach
    void stopApi() {
        api.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + api.getAddress().getPort() + "/system/v1/debug";
    }

    @Test
    void printsFunnelResourcesOffersAndDiagnosis(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("app", "debug", "--url", url(), "--token", "abc", "/team/app");
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals("token=abc", authorization.get());
        String out = result.getOutput();
        assertTrue(out.contains("/team/app (app): 1 instance(s) waiting since 2026-11-21T11:57:40.311Z; 36 offers processed, 36 unused"), out);
        assertTrue(out.contains("InsufficientCpus                 36        36"), out);
        assertTrue(out.contains("CPUS         4          0 / 36   0.00%"), out);
        assertTrue(out.contains("10.0.0.193  2     6845  35573  1025-2180,2182-3887  2026-11-21T11:58:00.512Z  InsufficientCpus"), out);
        assertTrue(out.strip().endsWith("no agent offers 4 cpus; largest offer 2 cpus on 10.0.0.193"), out);
    }

    @Test
    void problemDetailIsShownAndExitCodeIsOne(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("app", "debug", "--url", url(), "--token", "abc", "team/running");
        assertEquals(1, result.exitCode());
        assertTrue(result.getErrorOutput().contains("HTTP 404: /team/running is not waiting for offers"), result.getErrorOutput());
    }

    @Test
    void withoutTokenIsAUsageError(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("app", "debug", "--url", url(), "/team/app");
        assertEquals(2, result.exitCode());
        assertTrue(result.getErrorOutput().contains("no token"), result.getErrorOutput());
    }
}
