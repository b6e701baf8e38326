package day2ops.common.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import day2ops.common.auth.Permissions;
import day2ops.common.auth.TokenExtraction;
import io.restassured.specification.RequestSpecification;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every day2ops service promises, run against each of them ({@code @QuarkusTest} subclasses):
 * health, metrics and OpenAPI endpoints, DC/OS token handling and problem+json errors.
 */
public abstract class ServiceContractTest {

    private final String service;
    private final String permission;

    protected ServiceContractTest(String service, String permission) {
        this.service = service;
        this.permission = permission;
    }

    @Test
    void livenessAndReadinessAreUpWithoutToken() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void exposesPrometheusMetrics() {
        given().accept("text/plain; version=0.0.4").get("/q/metrics").then().statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("# TYPE jvm_memory_used_bytes gauge"));
    }

    @Test
    void publishesOpenApiDocument() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("day2ops " + service + " API"));
    }

    @Test
    void rejectsRequestWithoutTokenWithAcsjwtChallenge() {
        given().get("/").then().statusCode(401)
                .header("WWW-Authenticate", "acsjwt")
                .contentType("application/problem+json")
                .body("status", equalTo(401))
                .body("detail", containsString("Authorization: token="));
    }

    static Stream<Arguments> acceptedTokenForms() {
        return Stream.of(
                Arguments.of("token= header", (TokenPlacement) (r, t) -> r.header("Authorization", "token=" + t)),
                Arguments.of("Bearer header", (TokenPlacement) (r, t) -> r.header("Authorization", "Bearer " + t)),
                Arguments.of("cookie only", (TokenPlacement) (r, t) -> r.cookie(TokenExtraction.COOKIE, t)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedTokenForms")
    void acceptsTokenWithRoutePermission(String form, TokenPlacement placement) {
        placement.apply(given(), TestTokens.token("alice", permission)).get("/").then().statusCode(200)
                .body("service", equalTo(service))
                .body("uid", equalTo("alice"));
    }

    @Test
    void acceptsTokenShapedAsDcosIssuesIt() {
        withToken(TestTokens.dcosStyle("dcos-user", permission)).get("/").then().statusCode(200)
                .body("uid", equalTo("dcos-user"));
    }

    @Test
    void headerTakesPrecedenceOverCookie() {
        given().header("Authorization", "token=" + TestTokens.expired("alice", permission))
                .cookie(TokenExtraction.COOKIE, TestTokens.token("alice", permission))
                .get("/").then().statusCode(401);
    }

    @Test
    void superuserIsAllowed() {
        withToken(TestTokens.token("root", Permissions.SUPERUSER)).get("/").then().statusCode(200)
                .body("uid", equalTo("root"));
    }

    @Test
    void tokenWithoutRoutePermissionIsForbidden() {
        withToken(TestTokens.token("bob", "dcos:adminrouter:ops:something-else")).get("/").then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString(permission));
    }

    static Stream<Arguments> invalidTokens() {
        return Stream.of(
                Arguments.of("expired", (UnaryOperator<String>) TestTokens::expired),
                Arguments.of("signed by unknown key", (UnaryOperator<String>) TestTokens::signedByUnknownKey),
                Arguments.of("tampered payload", (UnaryOperator<String>) uid -> TestTokens.tampered(uid)),
                Arguments.of("alg none", (UnaryOperator<String>) TestTokens::unsigned),
                Arguments.of("missing uid", (UnaryOperator<String>) uid -> TestTokens.withoutUid(Permissions.SUPERUSER)),
                Arguments.of("not a JWT", (UnaryOperator<String>) uid -> "not-a-jwt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidTokens")
    void rejectsInvalidToken(String kind, UnaryOperator<String> mint) {
        withToken(mint.apply("mallory")).get("/").then().statusCode(401)
                .header("WWW-Authenticate", "acsjwt")
                .contentType("application/problem+json");
    }

    @Test
    void unknownPathIsProblemJson404() {
        withToken(TestTokens.token("alice", permission)).get("/no/such/path").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("instance", equalTo("/no/such/path"));
    }

    private static RequestSpecification withToken(String token) {
        return given().header("Authorization", "token=" + token);
    }

    /** Where a test puts the token on the request. */
    @FunctionalInterface
    protected interface TokenPlacement {
        RequestSpecification apply(RequestSpecification request, String token);
    }
}
