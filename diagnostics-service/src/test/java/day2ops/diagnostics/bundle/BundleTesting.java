package day2ops.diagnostics.bundle;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.fail;

import day2ops.common.auth.Permissions;
import day2ops.common.testing.TestTokens;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Helpers of the bundle API tests: tokens, polling a bundle's state, unpacking its zip. */
final class BundleTesting {

    private BundleTesting() {
    }

    static RequestSpecification operator() {
        return given().header("Authorization", "token=" + TestTokens.token("ops", Permissions.SYSTEM_HEALTH));
    }

    /** Polls {@code path} until its JSON satisfies {@code done}; fails with the last state after {@code limit}. */
    static JsonPath awaitState(String path, Predicate<JsonPath> done, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        JsonPath state;
        do {
            state = operator().when().get(path).then().statusCode(200).extract().jsonPath();
            if (done.test(state)) {
                return state;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        fail("bundle at " + path + " did not reach the expected state within " + limit + "; last: " + state.prettify());
        return state;
    }

    static JsonPath awaitStatus(String path, String status) throws InterruptedException {
        return awaitState(path, state -> status.equals(state.getString("status")), Duration.ofSeconds(120));
    }

    /** Every entry of a zip, by name, as UTF-8 text (test bundles are small). */
    static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                in.transferTo(content);
                entries.put(entry.getName(), content.toString(StandardCharsets.UTF_8));
            }
        }
        return entries;
    }

    /** GET on the fixture server's control endpoints ({@code hold}, {@code release}). */
    static void control(String base, String action) throws IOException {
        var connection = (java.net.HttpURLConnection) URI.create(base + "/" + action).toURL().openConnection();
        try {
            if (connection.getResponseCode() != 200) {
                throw new IOException("fixture control " + action + " answered " + connection.getResponseCode());
            }
        } finally {
            connection.disconnect();
        }
    }
}
