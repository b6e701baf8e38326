package day2ops.debug.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import day2ops.common.auth.Permissions;
import day2ops.common.testing.TestKeyResource;
import day2ops.common.testing.TestTokens;
import day2ops.debug.testing.RecordedMarathonResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/deployments/{appId}/offers} against Marathon's recorded launch queue. */
@QuarkusTest
@WithTestResource(TestKeyResource.class)
@WithTestResource(RecordedMarathonResource.class)
class DeploymentOffersTest {

    private static RequestSpecification as(String... groups) {
        return given().header("Authorization", "token=" + TestTokens.token("alice", groups));
    }

    private static RequestSpecification teamOperator() {
        return as(Permissions.DEBUG, Permissions.appSandbox("/team"));
    }

    @Test
    void appShortOfCpusGetsFunnelTableOffersAndDiagnosis() {
        teamOperator().get("/v1/deployments/team/app/offers").then().statusCode(200)
                .body("id", equalTo("/team/app"))
                .body("kind", equalTo("app"))
                .body("processedOffers", equalTo(36))
                .body("funnel.reason", contains(OfferAnalysis.FUNNEL.toArray()))
                .body("funnel[4].declined", equalTo(36))
                .body("funnel[4].processed", equalTo(36))
                .body("funnel[5].processed", equalTo(0))
                .body("resources.resource", contains("role", "constraints", "cpus", "mem", "disk", "ports"))
                .body("resources[0].requested", equalTo("[*]"))
                .body("resources[0].matched", equalTo(36))
                .body("resources[2].requested", equalTo("4"))
                .body("resources[2].matched", equalTo(0))
                .body("resources[2].processed", equalTo(36))
                .body("resources[5].requested", equalTo("10000"))
                .body("lastOffers", hasSize(3))
                .body("lastOffers[0].hostname", equalTo("10.0.0.193"))
                .body("lastOffers[0].cpus", equalTo(2.0f))
                .body("lastOffers[0].ports", equalTo("1025-2180,2182-3887"))
                .body("lastOffers[0].reasons", contains("InsufficientCpus"))
                .body("diagnosis", equalTo("no agent offers 4 cpus; largest offer 2 cpus on 10.0.0.193"));
    }

    @Test
    void podWhoseConstraintNoAgentMeetsIsDiagnosedSo() {
        teamOperator().get("/v1/deployments/team/pod/offers").then().statusCode(200)
                .body("kind", equalTo("pod"))
                .body("instancesWaiting", equalTo(2))
                .body("resources[1].requested", equalTo("zone:IS:us-west-2b"))
                .body("resources[1].matched", equalTo(0))
                .body("resources[2].requested", equalTo("0.6"))
                .body("diagnosis", equalTo("no agent satisfies the constraints [zone:IS:us-west-2b] (12 of 12 offers rejected)"));
    }

    @Test
    void appInBackOffWithoutOffersSaysSo() {
        teamOperator().get("/v1/deployments/team/fresh/offers").then().statusCode(200)
                .body("processedOffers", equalTo(0))
                .body("delaySecondsLeft", equalTo(12.5f))
                .body("diagnosis", equalTo("launch is delayed for another 12.5 s (back-off after failed launches); no offers processed yet"));
    }

    @Test
    void appNotWaitingForOffersIs404() {
        teamOperator().get("/v1/deployments/team/running/offers").then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("/team/running is not waiting for offers (not in Marathon's launch queue)"));
    }

    @Test
    void withoutTheApplicationPermissionIs403NamingIt() {
        as(Permissions.DEBUG, Permissions.appSandbox("/other")).get("/v1/deployments/team/app/offers").then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString(Permissions.appSandbox("/team/app")));
    }

    @Test
    void withoutDebugPermissionIs403() {
        as(Permissions.appSandbox("/team")).get("/v1/deployments/team/app/offers").then().statusCode(403);
    }

    @Test
    void withoutTokenIs401() {
        given().get("/v1/deployments/team/app/offers").then().statusCode(401).header("WWW-Authenticate", "acsjwt");
    }

    @Test
    void invalidApplicationIdIs400() {
        teamOperator().get("/v1/deployments/team/a!b/offers").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("invalid application id 'team/a!b'"));
    }
}
