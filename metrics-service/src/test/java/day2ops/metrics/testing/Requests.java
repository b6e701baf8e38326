package day2ops.metrics.testing;

import static io.restassured.RestAssured.given;

import day2ops.common.testing.TestTokens;
import io.restassured.specification.RequestSpecification;

/** Requests carrying a valid token with the given permissions. */
public final class Requests {

    private Requests() {
    }

    public static RequestSpecification as(String... groups) {
        return given().header("Authorization", "token=" + TestTokens.token("alice", groups));
    }
}
