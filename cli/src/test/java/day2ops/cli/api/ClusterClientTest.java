package day2ops.cli.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import day2ops.cli.testing.FakeAdminrouter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ClusterClientTest {

    @Test
    void followsRedirectsAndSendsTheTokenOnlyToTheClusterOrigin() {
        try (FakeAdminrouter cluster = new FakeAdminrouter(); FakeAdminrouter elsewhere = new FakeAdminrouter()) {
            cluster.on("GET", "/a", (exchange, request) -> {
                exchange.getResponseHeaders().add("Location", "/b?x=1");
                FakeAdminrouter.respond(exchange, 303, null, "");
            });
            cluster.on("GET", "/b", (exchange, request) -> {
                exchange.getResponseHeaders().add("Location", elsewhere.url() + "/c");
                FakeAdminrouter.respond(exchange, 302, null, "");
            });
            elsewhere.on("GET", "/c", 200, "application/json", "{\"ok\":true}");

            ClusterClient client = new ClusterClient(URI.create(cluster.url()), "secret");
            assertEquals("{\"ok\":true}", client.getJson("/a").toString());

            assertEquals("token=secret", cluster.requests("/a").get(0).header("Authorization"));
            assertEquals("x=1", cluster.requests("/b").get(0).query());
            assertEquals("token=secret", cluster.requests("/b").get(0).header("Authorization"));
            assertNull(elsewhere.requests("/c").get(0).header("Authorization"), "the token must not leave the cluster");
        }
    }

    @Test
    void connectionRefusedNamesTheUrlAndExitsThree() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ClusterClient client = new ClusterClient(URI.create("http://127.0.0.1:" + port), "t");
        CliException e = assertThrows(CliException.class, () -> client.getJson("/system/health/v1"));
        assertEquals(CliException.UNREACHABLE, e.exitCode());
        assertTrue(e.getMessage().startsWith("cannot connect to http://127.0.0.1:" + port + ": connection refused"), e.getMessage());
    }

    @Test
    void unauthorizedWithoutATokenSaysHowToPassOne() {
        try (FakeAdminrouter cluster = new FakeAdminrouter()) {
            cluster.on("GET", "/x", 401, "application/problem+json", "{\"status\":401,\"detail\":\"authentication required\"}");
            ApiException e = assertThrows(ApiException.class, () -> new ClusterClient(URI.create(cluster.url()), null).getJson("/x"));
            assertEquals("401 Unauthorized: authentication required (no token: pass --token, set DAY2OPS_TOKEN or DAY2OPS_TOKEN_FILE)",
                    e.getMessage());
            assertNull(cluster.requests("/x").get(0).header("Authorization"));
        }
    }
}
