package day2ops.metrics.prometheus;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import day2ops.common.auth.Permissions;
import day2ops.common.testing.TestTokens;
import day2ops.metrics.service.ContainerMetricsService;
import day2ops.metrics.service.NodeMetricsService;
import day2ops.metrics.testing.RecordedMesosAgent;
import io.quarkus.test.common.WithTestResource;
import day2ops.common.testing.TestKeyResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exposition against the real tools: {@code promtool check metrics} and a real Prometheus
 * server (Debian package {@code prometheus}) scraping this service on loopback.
 */
@QuarkusTest
@WithTestResource(TestKeyResource.class)
@WithTestResource(RecordedMesosAgent.class)
class PrometheusServerTest {

    @Inject
    NodeMetricsService node;

    @Inject
    ContainerMetricsService containers;

    @Inject
    NodeExpositionServer nodePort;

    @TempDir
    Path temp;

    @BeforeEach
    void collect() {
        node.collectNow();
        containers.collectNow();
    }

    private static String superuserToken() {
        return TestTokens.token("prometheus", Permissions.SUPERUSER);
    }

    private static Path tool(String name) {
        for (String dir : List.of("/usr/bin", "/usr/local/bin", "/bin")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(name + " not found: install the Debian package 'prometheus'");
    }

    @Test
    void exposesNodeAndContainerSeriesWithTypes() {
        given().header("Authorization", "token=" + superuserToken()).get("/metrics").then().statusCode(200)
                .header("Content-Type", equalTo("text/plain; version=0.0.4; charset=utf-8"))
                .body(containsString("# TYPE day2ops_node_network_in_bytes_total counter\n"))
                .body(containsString("# TYPE day2ops_node_memory_total_bytes gauge\n"))
                .body(containsString("day2ops_collector_success{collector=\"cpu\"} 1\n"))
                .body(containsString("day2ops_collector_success{collector=\"containers_mesos\"} 1\n"))
                .body(containsString("day2ops_container_cpus_user_time_seconds_total{container_id=\"f84ce3a5-8a5e-4a3b-9a4f-0c1d2e3f4a5b\""))
                .body(containsString("label_team=\"core\""));
    }

    @Test
    void containerSeriesFollowAppPermissions() {
        String body = given().header("Authorization", "token=" + TestTokens.token("bob", Permissions.SYSTEM_METRICS,
                Permissions.appSandbox("/other"))).get("/metrics").then().statusCode(200).extract().asString();
        assertTrue(body.contains("container_id=\"0a1b2c3d-0000-4000-8000-00000000db01\""), "own app's container");
        assertTrue(!body.contains("container_id=\"f84ce3a5"), "another app's container must not show");
        given().get("/metrics").then().statusCode(401);
    }

    @Test
    void dedicatedNodePortServesWithoutToken() {
        given().port(nodePort.port()).get("/metrics").then().statusCode(200)
                .body(containsString("day2ops_node_memory_total_bytes"));
        given().port(nodePort.port()).get("/other").then().statusCode(404);
    }

    @Test
    void passesPromtoolCheckMetrics() throws Exception {
        String body = given().header("Authorization", "token=" + superuserToken()).get("/metrics").then()
                .statusCode(200).extract().asString();
        Path file = temp.resolve("metrics.txt");
        Files.writeString(file, body);
        Process promtool = new ProcessBuilder(tool("promtool").toString(), "check", "metrics")
                .redirectInput(file.toFile()).redirectErrorStream(true).start();
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(promtool.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        assertEquals(0, promtool.exitValue(), "promtool check metrics:\n" + output);
    }

    @Test
    void realPrometheusScrapesIt() throws Exception {
        int webPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            webPort = socket.getLocalPort();
        }
        Path token = temp.resolve("token");
        Files.writeString(token, superuserToken());
        Path config = temp.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: day2ops-metrics
                    metrics_path: /metrics
                    authorization:
                      type: Bearer
                      credentials_file: %s
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                  - job_name: day2ops-node-port
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(token, RestAssured.port, nodePort.port()));
        Process prometheus = new ProcessBuilder(tool("prometheus").toString(),
                "--config.file=" + config, "--storage.tsdb.path=" + temp.resolve("data"),
                "--web.listen-address=127.0.0.1:" + webPort, "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(temp.resolve("prometheus.log").toFile()).start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            JsonPath up = awaitQuery(http, webPort, "up == 1", 2, prometheus);
            assertEquals(2, up.getList("data.result").size(), up.prettify());
            JsonPath memory = awaitQuery(http, webPort,
                    "day2ops_node_memory_total_bytes{job=\"day2ops-metrics\"}", 1, prometheus);
            double value = Double.parseDouble(memory.getString("data.result[0].value[1]"));
            assertTrue(value > 0, memory.prettify());
        } finally {
            prometheus.destroy();
            if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
    }

    /** Polls a PromQL query (bounded) until it returns at least {@code results} series. */
    private JsonPath awaitQuery(HttpClient http, int port, String query, int results, Process prometheus)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!prometheus.isAlive()) {
                throw new AssertionError("prometheus exited: " + Files.readString(temp.resolve("prometheus.log")));
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                last = response.body();
                if (response.statusCode() == 200) {
                    JsonPath json = JsonPath.from(last);
                    if (json.getList("data.result").size() >= results) {
                        return json;
                    }
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("query " + query + " did not return " + results + " series in 60 s; last answer: "
                + last + "\nprometheus log: " + Files.readString(temp.resolve("prometheus.log")));
    }
}
