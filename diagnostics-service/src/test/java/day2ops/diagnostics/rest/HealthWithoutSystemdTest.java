package day2ops.diagnostics.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import day2ops.common.auth.Permissions;
import day2ops.common.testing.TestKeyResource;
import day2ops.common.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The test profile points the service at a bus socket that does not exist: health must say so, not report "no units". */
@QuarkusTest
@WithTestResource(TestKeyResource.class)
class HealthWithoutSystemdTest {

    @Test
    void unreachableBusIs503NamingTheSocket() {
        given().header("Authorization", "token=" + TestTokens.token("ops", Permissions.SYSTEM_HEALTH))
                .when().get("/system/health/v1")
                .then().statusCode(503).contentType("application/problem+json")
                .body("detail", equalTo("the D-Bus socket target/no-system-bus-here (unix:path=target/no-system-bus-here) does not exist"));
    }
}
