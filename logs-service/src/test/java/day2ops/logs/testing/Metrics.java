package day2ops.logs.testing;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the service's own Prometheus exposition ({@code /q/metrics}). */
public final class Metrics {

    private Metrics() {
    }

    /** {@code day2ops_logs_errors_total{type=...}}; 0 when the series is absent. */
    public static double errors(String type) {
        String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^day2ops_logs_errors_total\\{[^}]*type=\"" + Pattern.quote(type) + "\"[^}]*} (\\S+)$")
                .matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
