package day2ops.diagnostics.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import day2ops.common.auth.Permissions;
import day2ops.common.testing.TestKeyResource;
import day2ops.common.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** On an agent (the test profile's role) the cluster health endpoints are not served: 404 saying so. */
@QuarkusTest
@WithTestResource(TestKeyResource.class)
class ClusterHealthOnAgentTest {

    @ParameterizedTest
    @ValueSource(strings = {"/system/health/v1/units", "/system/health/v1/units/a.service/nodes/10.0.0.1",
            "/system/health/v1/nodes", "/system/health/v1/nodes/10.0.0.1/units", "/system/health/v1/report"})
    void clusterEndpointsAre404SayingTheyAreMasterOnly(String path) {
        given().header("Authorization", "token=" + TestTokens.token("ops", Permissions.SYSTEM_HEALTH))
                .when().get(path)
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("cluster health is served by masters only: this node's role is agent "
                        + "(diagnostics.node.role); ask a master, or set diagnostics.cluster.pull-enabled=true"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/system/health/v1/units", "/system/health/v1/nodes", "/system/health/v1/report"})
    void clusterEndpointsNeedAToken(String path) {
        given().when().get(path)
                .then().statusCode(401).header("WWW-Authenticate", containsString("acsjwt"));
        given().header("Authorization", "token=" + TestTokens.token("ops", Permissions.SYSTEM_LOGS))
                .when().get(path)
                .then().statusCode(403);
    }
}
