package day2ops.diagnostics.bundle;

import static day2ops.diagnostics.bundle.BundleTesting.awaitState;
import static day2ops.diagnostics.bundle.BundleTesting.awaitStatus;
import static day2ops.diagnostics.bundle.BundleTesting.control;
import static day2ops.diagnostics.bundle.BundleTesting.operator;
import static day2ops.diagnostics.bundle.BundleTesting.unzip;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import day2ops.common.auth.Permissions;
import day2ops.common.testing.TestKeyResource;
import day2ops.common.testing.TestTokens;
import day2ops.diagnostics.grpc.NodePlaneClient;
import day2ops.diagnostics.v1.BuildNodeBundleRequest;
import day2ops.diagnostics.v1.NodeBundlePart;
import day2ops.diagnostics.v1.NodeBundleSummary;
import day2ops.diagnostics.v1.NodeDiagnosticsGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Cluster bundles in-process: the cluster is this instance (asked over its own node plane, with the service
 * account's token) and a node nobody answers for.
 */
@QuarkusTest
@WithTestResource(TestKeyResource.class)
@WithTestResource(BundleFixtures.class)
class ClusterBundlesTest {

    private static final String API = "/system/health/v1/diagnostics";

    private static String fixtureControl() {
        return ConfigProvider.getConfig().getValue("bundle-fixtures.control", String.class);
    }

    @Test
    void bundleCompletesWithTheReachableNodesPartAndTheUnreachableNodeFailed() throws Exception {
        operator().contentType("application/json").body("{\"masters\":true,\"agents\":true}")
                .when().put(API + "/whole").then().statusCode(200)
                .body("type", equalTo("Cluster")).body("total", equalTo(2));
        JsonPath state = awaitStatus(API + "/whole", "Done");
        assertEquals(2, state.getInt("collected"));
        Map<String, String> entries = unzip(operator().when().get(API + "/whole/file").then().statusCode(200)
                .contentType("application/zip").extract().asByteArray());

        JsonPath report = JsonPath.from(entries.get("report.json"));
        assertEquals("whole", report.getString("id"));
        assertEquals("Done", report.getString("nodes.'127.0.0.1'.status"));
        assertEquals("", report.getString("nodes.'127.0.0.1'.error"));
        assertEquals("Failed", report.getString("nodes.'" + BundleFixtures.UNREACHABLE_NODE + "'.status"));
        assertTrue(report.getString("nodes.'" + BundleFixtures.UNREACHABLE_NODE + "'.error").startsWith("unreachable: "),
                entries.get("report.json"));

        String journal = entries.get("127.0.0.1_agent/journal/" + BundleFixtures.UNIT + ".log");
        assertEquals(3, journal.lines().count(), journal);
        assertTrue(journal.contains("connecting with password=[REDACTED] to db"), journal);
        assertEquals("command-ran\nsecret=[REDACTED]\n",
                entries.get("127.0.0.1_agent/commands/sh_-c_echo command-ran; echo secret=abc123.output"));
        assertTrue(entries.keySet().stream().allMatch(name -> name.startsWith("127.0.0.1_agent/")
                || name.equals("report.json") || name.equals("summaryErrorsReport.txt")), entries.keySet().toString());
        assertFalse(entries.keySet().stream().anyMatch(name -> name.startsWith(BundleFixtures.UNREACHABLE_NODE)));

        String summary = entries.get("summaryErrorsReport.txt");
        assertTrue(summary.contains(BundleFixtures.UNREACHABLE_NODE + "_agent: unreachable: "), summary);
        assertTrue(summary.contains("127.0.0.1_agent: health.json: "), summary);
        List<String> errors = state.getList("errors");
        assertTrue(errors.stream().anyMatch(e -> e.startsWith(BundleFixtures.UNREACHABLE_NODE + ": unreachable")), errors.toString());
    }

    @Test
    void explicitNodeListSelectsOnlyThoseNodes() throws Exception {
        operator().contentType("application/json").body("{\"nodes\":[\"127.0.0.1\"]}")
                .when().put(API + "/just-me").then().statusCode(200).body("total", equalTo(1));
        awaitStatus(API + "/just-me", "Done");
        Map<String, String> entries = unzip(operator().when().get(API + "/just-me/file").then().statusCode(200)
                .extract().asByteArray());
        JsonPath report = JsonPath.from(entries.get("report.json"));
        assertEquals(Map.of("127.0.0.1", "Done"), Map.of("127.0.0.1", report.getString("nodes.'127.0.0.1'.status")));
        assertEquals(1, report.getMap("nodes").size());
    }

    @Test
    void cancelStopsARunningClusterBundle() throws Exception {
        control(fixtureControl(), "hold");
        try {
            operator().contentType("application/json").body("{\"nodes\":[\"127.0.0.1\"]}")
                    .when().put(API + "/to-cancel").then().statusCode(200);
            awaitState(API + "/to-cancel", s -> "InProgress".equals(s.getString("status")), Duration.ofSeconds(60));
            operator().when().post(API + "/to-cancel/cancel").then().statusCode(200).body("status", equalTo("Canceled"));
            awaitStatus(API + "/to-cancel", "Canceled");
        } finally {
            control(fixtureControl(), "release");
        }
        operator().when().get(API + "/to-cancel/file").then().statusCode(410);
        operator().when().post(API + "/to-cancel/cancel").then().statusCode(409)
                .body("detail", equalTo("bundle 'to-cancel' is Canceled, not running; nothing to cancel"));
    }

    @Test
    void deleteWhileRunningCancelsAndAfterDoneDeletes() throws Exception {
        control(fixtureControl(), "hold");
        try {
            operator().contentType("application/json").body("{\"nodes\":[\"127.0.0.1\"]}")
                    .when().put(API + "/deleted-running").then().statusCode(200);
            awaitState(API + "/deleted-running", s -> "InProgress".equals(s.getString("status")), Duration.ofSeconds(60));
            operator().when().delete(API + "/deleted-running").then().statusCode(200).body("status", equalTo("Canceled"));
            awaitStatus(API + "/deleted-running", "Canceled");
        } finally {
            control(fixtureControl(), "release");
        }
        operator().contentType("application/json").body("{\"nodes\":[\"127.0.0.1\"]}")
                .when().put(API + "/deleted-done").then().statusCode(200);
        awaitStatus(API + "/deleted-done", "Done");
        operator().when().delete(API + "/deleted-done").then().statusCode(200).body("status", equalTo("Deleted"));
        operator().when().get(API + "/deleted-done/file").then().statusCode(410);
    }

    @Test
    void malformedBodiesAndUnknownNodesAre400() {
        Map<String, String> cases = Map.of(
                "{\"nodes\":\"10.0.0.1\"}", "\"nodes\" must be an array of node IPs",
                "{\"masters\":\"yes\"}", "\"masters\" must be true or false",
                "{\"masters\":false,\"agents\":false}", "no nodes selected",
                "{\"nodes\":[\"10.1.2.3\"]}", "not nodes of this cluster: 10.1.2.3",
                "{\"everything\":true}", "unknown field(s) [everything]",
                "{not json", "request body is not valid JSON",
                "{\"masters\":true}", "the cluster has no masters");
        cases.forEach((body, detail) -> operator().contentType("application/json").body(body)
                .when().put(API + "/bad-body").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString(detail)));
        operator().when().get(API + "/bad-body").then().statusCode(404);
    }

    @Test
    void buildNodeBundleStreamsEachEntryThenASummaryThatAddsUp() throws Exception {
        NodePlaneClient client = new NodePlaneClient("127.0.0.1", testPort(),
                TestTokens.token("svc", Permissions.SYSTEM_HEALTH), Duration.ofSeconds(60));
        try {
            Iterator<NodeBundlePart> parts = NodeDiagnosticsGrpc.newBlockingStub(client.channel())
                    .buildNodeBundle(BuildNodeBundleRequest.newBuilder().setBundleId("direct").build());
            List<String> names = new ArrayList<>();
            long bytes = 0;
            NodeBundleSummary summary = null;
            while (parts.hasNext()) {
                NodeBundlePart part = parts.next();
                assertEquals(null, summary, "nothing follows the summary");
                switch (part.getPartCase()) {
                    case ENTRY -> names.add(part.getEntry().getName());
                    case DATA -> {
                        assertFalse(names.isEmpty(), "data before any entry");
                        assertTrue(part.getData().size() <= 64 * 1024);
                        bytes += part.getData().size();
                    }
                    case SUMMARY -> summary = part.getSummary();
                    default -> { }
                }
            }
            assertTrue(summary != null, "the stream ends with a summary");
            assertEquals(names.size(), summary.getEntries());
            assertEquals(bytes, summary.getBytes());
            assertEquals(List.of("health.json", "checks.json", "journal/" + BundleFixtures.UNIT + ".log"), names.subList(0, 3));
            assertTrue(names.stream().allMatch(EntryNames::isSafe), names.toString());
        } finally {
            client.close();
        }
    }

    @Test
    void buildNodeBundleRefusesCallersWithoutThePermission() throws Exception {
        NodePlaneClient client = new NodePlaneClient("127.0.0.1", testPort(),
                TestTokens.token("someone", "dcos:adminrouter:ops:logs"), Duration.ofSeconds(60));
        try {
            Iterator<NodeBundlePart> parts = NodeDiagnosticsGrpc.newBlockingStub(client.channel())
                    .buildNodeBundle(BuildNodeBundleRequest.newBuilder().setBundleId("refused").build());
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, parts::hasNext);
            assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        } finally {
            client.close();
        }
    }

    private static int testPort() {
        return ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
    }

    @Test
    void withoutTokenIs401AndWithoutPermissionIs403() {
        given().when().put(API + "/nope").then().statusCode(401);
        given().header("Authorization", "token=" + TestTokens.token("someone", "dcos:adminrouter:ops:logs"))
                .when().post(API + "/nope/cancel").then().statusCode(403);
        // The verbs shared with node bundles carry the same protection.
        given().when().get(API).then().statusCode(401).header("WWW-Authenticate", "acsjwt");
        given().when().delete(API + "/nope").then().statusCode(401);
        given().header("Authorization", "token=" + TestTokens.token("someone", "dcos:adminrouter:ops:logs"))
                .when().get(API + "/nope").then().statusCode(403);
        given().header("Authorization", "token=" + TestTokens.token("someone"))
                .when().get(API + "/nope/file").then().statusCode(403);
    }
}
