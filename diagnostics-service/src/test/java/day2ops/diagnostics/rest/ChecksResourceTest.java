package day2ops.diagnostics.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.contains;

import day2ops.common.auth.Permissions;
import day2ops.common.testing.TestKeyResource;
import day2ops.common.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/** The checks API on the fixture {@code src/test/resources/checks/checks.json}; this node is an agent. */
@QuarkusTest
@WithTestResource(TestKeyResource.class)
class ChecksResourceTest {

    private static RequestSpecification authorized() {
        return given().header("Authorization", "token=" + TestTokens.token("ops", Permissions.SYSTEM_HEALTH));
    }

    @Test
    void listsTheNodeChecksOfThisNodesRole() {
        authorized().when().get("/system/checks/v1/node/")
                .then().statusCode(200)
                .body("keySet()", contains("disk_ok", "clock_warning", "env_seen"))
                .body("disk_ok.description", equalTo("Disk has room"))
                .body("disk_ok.cmd", contains("sh", "-c", "echo fine"))
                .body("disk_ok.timeout", equalTo("5s"));
    }

    @Test
    void listsSelectedChecksWithoutTrailingSlashToo() {
        authorized().queryParam("check", "env_seen").when().get("/system/checks/v1/node")
                .then().statusCode(200).body("keySet()", contains("env_seen"));
    }

    @Test
    void runsAllNodeChecksWithTheWorstStatus() {
        authorized().when().post("/system/checks/v1/node/")
                .then().statusCode(200)
                .body("status", equalTo(1))
                .body("checks.disk_ok.status", equalTo(0))
                .body("checks.disk_ok.output", equalTo("fine\n"))
                .body("checks.clock_warning.status", equalTo(1))
                .body("checks.env_seen.output", equalTo("zone=eu-1\n"));
    }

    @Test
    void runsOnlyTheChecksNamedInTheBody() {
        authorized().contentType("application/json").body("{\"check\":[\"disk_ok\"]}")
                .when().post("/system/checks/v1/node/")
                .then().statusCode(200)
                .body("status", equalTo(0))
                .body("checks.keySet()", contains("disk_ok"));
    }

    @Test
    void runsClusterChecks() {
        authorized().when().post("/system/checks/v1/cluster/")
                .then().statusCode(200)
                .body("status", equalTo(0))
                .body("checks.leader_reachable.output", equalTo("leader ok\n"));
    }

    @Test
    void runsThePoststartList() {
        authorized().when().post("/system/checks/v1/node/poststart")
                .then().statusCode(200)
                .body("status", equalTo(1))
                .body("checks.keySet()", contains("disk_ok", "clock_warning"));
    }

    @Test
    void unknownChecksAre404NamingThemAll() {
        authorized().contentType("application/json").body("{\"check\":[\"disk_ok\",\"nope\",\"master_only\"]}")
                .when().post("/system/checks/v1/node/")
                .then().statusCode(404).contentType("application/problem+json")
                .body(containsString("unknown node checks: nope, master_only"));
        authorized().queryParam("check", "nope").when().get("/system/checks/v1/cluster/")
                .then().statusCode(404).body(containsString("unknown cluster checks: nope"));
    }

    @Test
    void malformedBodyIs400WithTheReason() {
        authorized().contentType("application/json").body("{\"check\":\"disk_ok\"}")
                .when().post("/system/checks/v1/node/")
                .then().statusCode(400).contentType("application/problem+json")
                .body(containsString("\\\"check\\\" must be an array of check names"));
        authorized().contentType("application/json").body("{not json")
                .when().post("/system/checks/v1/node/")
                .then().statusCode(400).body(containsString("request body is not valid JSON"));
    }

    @Test
    void answersWithoutTokenBecauseAdminrouterDoesNotForwardOne() {
        given().when().get("/system/checks/v1/node/").then().statusCode(200)
                .contentType("application/json");
        given().header("Authorization", "token=" + TestTokens.token("ops", Permissions.SYSTEM_METRICS))
                .when().get("/system/checks/v1/cluster/").then().statusCode(200);
    }
}
