package day2ops.diagnostics.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import day2ops.common.auth.Permissions;
import day2ops.common.testing.TestKeyResource;
import day2ops.common.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A master whose two nodes cannot be reached (nothing listens on their port 1): both are health 3 with the reason,
 * and the endpoints' errors. Aggregation of reachable nodes: {@code ClusterHealthIT}.
 */
@QuarkusTest
@WithTestResource(TestKeyResource.class)
@TestProfile(ClusterHealthOnMasterTest.MasterOfUnreachableNodes.class)
class ClusterHealthOnMasterTest {

    public static class MasterOfUnreachableNodes implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("diagnostics.node.role", "master",
                    "diagnostics.cluster.nodes", "agent:127.0.0.9:1,master:127.0.0.1:1",
                    "diagnostics.cluster.pull-interval", "1h");
        }
    }

    private static RequestSpecification operator() {
        return given().header("Authorization", "token=" + TestTokens.token("ops", Permissions.SYSTEM_HEALTH));
    }

    @Test
    void unreachableNodesAreUnknownWithTheReasonMastersFirst() {
        operator().when().get("/system/health/v1/nodes")
                .then().statusCode(200).contentType("application/json")
                .body("nodes.host_ip", contains("127.0.0.1", "127.0.0.9"))
                .body("nodes.role", contains("master", "agent"))
                .body("nodes.health", contains(3, 3))
                .body("nodes[1].error", containsString("UNAVAILABLE"));
    }

    @Test
    void everyAnswerCarriesLastModified3dtInGoAnsicLayout() {
        operator().when().get("/system/health/v1/units")
                .then().statusCode(200)
                .header("Last-Modified-3DT", matchesPattern("[A-Z][a-z]{2} [A-Z][a-z]{2} [ 1-3][0-9] \\d{2}:\\d{2}:\\d{2} \\d{4}"))
                .body("units", empty());
    }

    @Test
    void freshPullOnCache0() {
        operator().queryParam("cache", "0").when().get("/system/health/v1/nodes/127.0.0.9")
                .then().statusCode(200)
                .body("host_ip", equalTo("127.0.0.9"))
                .body("health", equalTo(3))
                .body("role", equalTo("agent"));
    }

    @Test
    void malformedCacheParameterIs400() {
        operator().queryParam("cache", "sometimes").when().get("/system/health/v1/nodes")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("query parameter cache must be 0 (pull now) or 1 (latest pull), not 'sometimes'"));
    }

    @Test
    void unknownNodeIs404NamingIt() {
        operator().when().get("/system/health/v1/nodes/10.9.9.9")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("node 10.9.9.9 is not in the cluster"));
        operator().when().get("/system/health/v1/nodes/10.9.9.9/units")
                .then().statusCode(404).body("detail", equalTo("node 10.9.9.9 is not in the cluster"));
    }

    @Test
    void unknownUnitIs404NamingIt() {
        operator().when().get("/system/health/v1/units/nothing.service")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("unit nothing.service is not reported by any node"));
        operator().when().get("/system/health/v1/units/nothing.service/nodes")
                .then().statusCode(404).body("detail", equalTo("unit nothing.service is not reported by any node"));
    }

    @Test
    void unitsOfAnUnknownNodeAre404WithItsReason() {
        operator().when().get("/system/health/v1/nodes/127.0.0.9/units/a.service")
                .then().statusCode(404)
                .body("detail", containsString("node 127.0.0.9's units are unknown: UNAVAILABLE"));
    }

    @Test
    void reportIsTheWholeTreeInDcosDiagnosticsShape() {
        operator().when().get("/system/health/v1/report")
                .then().statusCode(200)
                .body("Nodes.'127.0.0.9'.IP", equalTo("127.0.0.9"))
                .body("Nodes.'127.0.0.9'.Role", equalTo("agent"))
                .body("Nodes.'127.0.0.9'.Health", equalTo(3))
                .body("Nodes.'127.0.0.9'.Error", containsString("UNAVAILABLE"))
                .body("Units.size()", equalTo(0))
                .body("UpdatedTime", matchesPattern("\\d{4}-\\d{2}-\\d{2}T.*Z"));
    }
}
