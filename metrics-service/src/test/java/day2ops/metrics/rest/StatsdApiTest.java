package day2ops.metrics.rest;

import static day2ops.metrics.testing.Requests.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import day2ops.common.auth.Permissions;
import day2ops.metrics.statsd.StatsdListener;
import day2ops.metrics.statsd.StatsdService;
import day2ops.metrics.testing.RecordedMesosAgent;
import io.quarkus.test.common.WithTestResource;
import day2ops.common.testing.TestKeyResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(TestKeyResource.class)
@WithTestResource(RecordedMesosAgent.class)
class StatsdApiTest {

    @Inject
    StatsdService statsd;

    private static void send(int port, String payload) throws Exception {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
        }
    }

    private static void awaitPackets(StatsdListener listener, long count) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (listener.packetsReceived() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("listener " + listener.id() + " saw " + listener.packetsReceived()
                        + " of " + count + " packets");
            }
            Thread.sleep(5);
        }
    }

    private static int register(String containerId) {
        return as(Permissions.SYSTEM_AGENT).contentType(ContentType.JSON)
                .body("{\"container_id\":\"" + containerId + "\"}")
                .post("/v0/statsd/containers").then().statusCode(201)
                .header("Location", endsWith("/v0/statsd/containers/" + containerId))
                .body("container_id", equalTo(containerId))
                .body("statsd_host", equalTo("127.0.0.1"))
                .extract().path("statsd_port");
    }

    @Test
    void registrationLifecycle() {
        int port = register("reg-1");
        as(Permissions.SYSTEM_AGENT).contentType(ContentType.JSON).body("{\"container_id\":\"reg-1\"}")
                .redirects().follow(false)
                .post("/v0/statsd/containers").then().statusCode(303)
                .header("Location", endsWith("/v0/statsd/containers/reg-1"));
        as(Permissions.SYSTEM_AGENT).contentType(ContentType.JSON)
                .body("{\"container_id\":\"reg-2\",\"statsd_port\":" + port + "}")
                .post("/v0/statsd/containers").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString(String.valueOf(port)));
        as(Permissions.SYSTEM_METRICS).get("/v0/statsd/containers").then().statusCode(200)
                .body("container_id", hasItem("reg-1"));
        as(Permissions.SYSTEM_METRICS).get("/v0/statsd/containers/reg-1").then().statusCode(200)
                .body("statsd_port", equalTo(port));
        as(Permissions.SYSTEM_AGENT).delete("/v0/statsd/containers/reg-1").then().statusCode(202);
        as(Permissions.SYSTEM_METRICS).get("/v0/statsd/containers/reg-1").then().statusCode(404)
                .contentType("application/problem+json");
        as(Permissions.SYSTEM_AGENT).delete("/v0/statsd/containers/reg-1").then().statusCode(404);
    }

    @Test
    void registrationRejectsBadInputAndNeedsTheAgentPermission() {
        as(Permissions.SYSTEM_AGENT).contentType(ContentType.JSON).body("{\"container_id\":\"../etc\"}")
                .post("/v0/statsd/containers").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("not a Mesos container id"));
        as(Permissions.SYSTEM_AGENT).contentType(ContentType.JSON).body("{}")
                .post("/v0/statsd/containers").then().statusCode(400)
                .body("detail", containsString("container_id"));
        as(Permissions.SYSTEM_AGENT).contentType(ContentType.JSON).body("{\"container_id\":")
                .post("/v0/statsd/containers").then().statusCode(400).contentType("application/problem+json");
        as(Permissions.SYSTEM_METRICS).contentType(ContentType.JSON).body("{\"container_id\":\"x1\"}")
                .post("/v0/statsd/containers").then().statusCode(403);
    }

    @Test
    void appMetricsComeFromTheContainerListenerWithTagsAndExactNames() throws Exception {
        int port = register("app-1");
        StatsdListener listener = statsd.server().listener("app-1").orElseThrow();
        send(port, "orders:3|c|#shop:eu\norders.latency:10|ms\norders.latency:30|ms\nqueue:7|g");
        awaitPackets(listener, 1);
        statsd.flushNow();

        as(Permissions.SUPERUSER).get("/v0/containers/app-1/app").then().statusCode(200)
                .body("datapoints.find { it.name == 'orders' }.value", equalTo(3))
                .body("datapoints.find { it.name == 'orders' }.tags.shop", equalTo("eu"))
                .body("datapoints.find { it.name == 'orders.total' }.value", equalTo(3))
                .body("datapoints.find { it.name == 'orders.latency.mean' }.value", equalTo(20))
                .body("datapoints.find { it.name == 'orders.latency.p99' }.value", equalTo(30))
                .body("datapoints.find { it.name == 'queue' }.value", equalTo(7))
                .body("dimensions.container_id", equalTo("app-1"));
        as(Permissions.SUPERUSER).get("/v0/containers/app-1/app/orders").then().statusCode(200)
                .body("datapoints", hasSize(1))
                .body("datapoints[0].name", equalTo("orders"));
        as(Permissions.SUPERUSER).get("/v0/containers/app-1/app/orde").then().statusCode(204);
        // A container of no known application needs the permission on the root group.
        as(Permissions.SYSTEM_METRICS, Permissions.appSandbox("/team")).get("/v0/containers/app-1/app").then()
                .statusCode(403);
        as(Permissions.SYSTEM_METRICS, Permissions.appSandbox("/")).get("/v0/containers/app-1/app").then()
                .statusCode(200);

        // Timers with no values in the last interval report NaN statistics as "".
        statsd.flushNow();
        as(Permissions.SUPERUSER).get("/v0/containers/app-1/app/orders.latency.mean").then().statusCode(200)
                .body("datapoints[0].value", equalTo(""));
        as(Permissions.SYSTEM_AGENT).delete("/v0/statsd/containers/app-1").then().statusCode(202);
    }

    @Test
    void nodeListenerFeedsPrometheusExposition() throws Exception {
        StatsdListener node = statsd.nodeListener().orElseThrow();
        long before = node.packetsReceived();
        send(node.port(), "node.jobs:2|c\nnode.jobs.time:5|ms|#kind:batch");
        awaitPackets(node, before + 1);
        statsd.flushNow();
        as(Permissions.SYSTEM_METRICS).get("/metrics").then().statusCode(200)
                .body(containsString("# TYPE node_jobs_total counter\n"))
                .body(containsString("# TYPE node_jobs_time summary\n"))
                .body(containsString("node_jobs_time{kind=\"batch\",quantile=\"0.99\"} 5\n"))
                .body(containsString("day2ops_statsd_packets_received_total{listener=\"node\"}"))
                .body(not(containsString("listener=\"app-1\"")));
    }
}
