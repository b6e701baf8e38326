package day2ops.diagnostics.bundle;

import static day2ops.diagnostics.bundle.BundleTesting.awaitState;
import static day2ops.diagnostics.bundle.BundleTesting.awaitStatus;
import static day2ops.diagnostics.bundle.BundleTesting.control;
import static day2ops.diagnostics.bundle.BundleTesting.operator;
import static day2ops.diagnostics.bundle.BundleTesting.unzip;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import day2ops.common.testing.TestKeyResource;
import day2ops.common.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Local bundles on real collectors: a journal directory, files, a loopback HTTP server, commands, checks. */
@QuarkusTest
@WithTestResource(TestKeyResource.class)
@WithTestResource(BundleFixtures.class)
class NodeBundlesTest {

    private static final String API = "/system/health/v1/node/diagnostics";

    private static String fixtureControl() {
        return ConfigProvider.getConfig().getValue("bundle-fixtures.control", String.class);
    }

    private static Path bundleDir() {
        return Path.of(ConfigProvider.getConfig().getValue("diagnostics.bundle-dir", String.class));
    }

    @Test
    void bundleHoldsEveryEntryRedactedWithRequiredFailuresAsErrors() throws Exception {
        operator().when().put(API + "/full").then().statusCode(200)
                .body("id", equalTo("full")).body("type", equalTo("Local")).body("status", equalTo("Started"));
        JsonPath state = awaitStatus(API + "/full", "Done");
        assertEquals(state.getInt("total"), state.getInt("collected"));
        assertTrue(state.getLong("size") > 0);
        assertTrue(state.getString("stopped_at").compareTo(state.getString("started_at")) >= 0);

        byte[] zip = operator().when().get(API + "/full/file").then().statusCode(200)
                .contentType("application/zip").header("Content-Disposition", containsString("full.zip"))
                .extract().asByteArray();
        assertEquals(state.getLong("size"), zip.length);
        Map<String, String> entries = unzip(zip);
        String base = fixtureControl().replace("/control", "");
        Path etc = Path.of(ConfigProvider.getConfig().getValue("diagnostics.bundles.files", String.class).split(",")[0]).getParent();
        String etcEntry = "files/" + etc.toString().substring(1);
        String logsEntry = "files/" + etc.getParent().resolve("logs").toString().substring(1);
        assertEquals(new TreeSet<>(List.of("health.json", "checks.json", "journal/" + BundleFixtures.UNIT + ".log",
                "endpoints/missing", "endpoints/slow", "endpoints/status", "endpoints/logs-health", "endpoints/metrics-health",
                etcEntry + "/app.conf", logsEntry + "/a.log", logsEntry + "/b.log", etcEntry + "/missing.conf",
                "commands/sh_-c_echo command-ran; echo secret=abc123.output", "commands/sh_-c_echo started; exec sleep 60.output",
                "summaryErrorsReport.txt")), new TreeSet<>(entries.keySet()));

        String journal = entries.get("journal/" + BundleFixtures.UNIT + ".log");
        List<String> lines = journal.lines().toList();
        assertEquals(3, lines.size(), journal);
        assertTrue(lines.get(0).endsWith(" fixture[4242]: service starting"), journal);
        assertTrue(lines.get(1).endsWith(" fixture[4242]: connecting with password=[REDACTED] to db"), journal);
        assertTrue(lines.get(2).endsWith(" fixture[4242]: sent Authorization: token=[REDACTED] ok"), journal);
        assertFalse(journal.contains("too old"), "the entry 48h old is outside the 24h window");
        assertFalse(journal.contains("another unit"), "only the unit's own lines");

        assertEquals("listen=0.0.0.0\ndb_password: [REDACTED]\n[REDACTED private key]\nafter_key=visible\n",
                entries.get(etcEntry + "/app.conf"));
        assertEquals("log a line\n", entries.get(logsEntry + "/a.log"));
        assertTrue(entries.get(etcEntry + "/missing.conf").contains("collection failed: no such file: " + etc.resolve("missing.conf")));

        assertEquals("{\"ok\":true,\n\"api_key\":\"[REDACTED]\"}\n", entries.get("endpoints/status"));
        assertEquals("no such thing\n\n(optional, collection failed: GET " + base + "/missing answered 404)\n",
                entries.get("endpoints/missing"));
        assertEquals("slow answer\n", entries.get("endpoints/slow"));

        assertEquals("command-ran\nsecret=[REDACTED]\n", entries.get("commands/sh_-c_echo command-ran; echo secret=abc123.output"));
        assertTrue(entries.get("commands/sh_-c_echo started; exec sleep 60.output")
                .startsWith("started\n\n(collection failed: command [sh, -c, echo started; exec sleep 60] timed out after 2s"));

        JsonPath checks = JsonPath.from(entries.get("checks.json"));
        assertEquals(1, checks.getInt("status"));
        assertEquals("fine\n", checks.getString("checks.disk_ok.output"));
        assertTrue(entries.get("health.json").contains("collection failed: "), entries.get("health.json"));

        List<String> errors = state.getList("errors");
        assertEquals(3, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("health.json: "), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.startsWith(etcEntry + "/missing.conf: no such file")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("timed out after 2s")), errors.toString());
        assertTrue(errors.stream().noneMatch(e -> e.contains("/missing answered")), "optional endpoint failures are not errors");
        assertEquals(String.join("\n", errors) + "\n", entries.get("summaryErrorsReport.txt"));
    }

    @Test
    void stateShowsProgressWhileBuildingAndFileIs404UntilDone() throws Exception {
        control(fixtureControl(), "hold");
        try {
            operator().when().put(API + "/progress").then().statusCode(200);
            JsonPath running = awaitState(API + "/progress", s -> "InProgress".equals(s.getString("status"))
                    && s.getInt("collected") > 0, Duration.ofSeconds(60));
            assertTrue(running.getInt("collected") < running.getInt("total"), running.prettify());
            operator().when().get(API + "/progress/file").then().statusCode(404)
                    .contentType("application/problem+json").body("detail", containsString("not ready yet"));
            operator().when().get(API).then().statusCode(200).body("id", hasItem("progress"));
        } finally {
            control(fixtureControl(), "release");
        }
        awaitStatus(API + "/progress", "Done");
        operator().when().get(API + "/progress/file").then().statusCode(200);
    }

    @Test
    void deleteCancelsARunningBundleAndItsFileIsGone() throws Exception {
        control(fixtureControl(), "hold");
        try {
            operator().when().put(API + "/canceled").then().statusCode(200);
            awaitState(API + "/canceled", s -> "InProgress".equals(s.getString("status")), Duration.ofSeconds(60));
            operator().when().delete(API + "/canceled").then().statusCode(200).body("status", equalTo("Canceled"));
            awaitStatus(API + "/canceled", "Canceled");
        } finally {
            control(fixtureControl(), "release");
        }
        operator().when().get(API + "/canceled/file").then().statusCode(410)
                .contentType("application/problem+json").body("detail", equalTo("bundle 'canceled' is Canceled; it has no file"));
        assertFalse(Files.exists(bundleDir().resolve("local/canceled/bundle.zip")));
    }

    @Test
    void deletingADoneBundleRemovesItsFileWhichIsThen410() throws Exception {
        operator().when().put(API + "/to-delete").then().statusCode(200);
        awaitStatus(API + "/to-delete", "Done");
        operator().when().delete(API + "/to-delete").then().statusCode(200).body("status", equalTo("Deleted"));
        operator().when().get(API + "/to-delete").then().statusCode(200).body("status", equalTo("Deleted"));
        operator().when().get(API + "/to-delete/file").then().statusCode(410);
        assertFalse(Files.exists(bundleDir().resolve("local/to-delete/bundle.zip")));
    }

    @Test
    void bundleFilesArePrivateToTheService() throws Exception {
        operator().when().put(API + "/private").then().statusCode(200);
        awaitStatus(API + "/private", "Done");
        Path dir = bundleDir().resolve("local/private");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("bundle.zip"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("state.json"))));
    }

    @Test
    void anExistingIdIs409() {
        operator().when().put(API + "/twice").then().statusCode(200);
        operator().when().put(API + "/twice").then().statusCode(409)
                .contentType("application/problem+json").body("detail", equalTo("bundle 'twice' already exists"));
    }

    @Test
    void malformedIdsAre400() {
        // "." and ".." never arrive as ids (clients and the router normalise such paths): BundleIdsTest covers them.
        for (String id : List.of("a%20b", "x".repeat(129), "star*", "%C3%BC", "quote%22")) {
            operator().urlEncodingEnabled(false).when().put(API + "/" + id).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", containsString("must be 1 to 128 characters of A-Z a-z 0-9 . _ - and not '.' or '..'"));
        }
    }

    @Test
    void unknownBundleIs404() {
        operator().when().get(API + "/never-made").then().statusCode(404)
                .contentType("application/problem+json").body("detail", equalTo("no local bundle 'never-made'"));
        operator().when().get(API + "/never-made/file").then().statusCode(404);
        operator().when().delete(API + "/never-made").then().statusCode(404);
    }

    @Test
    void withoutTokenIs401AndWithoutPermissionIs403() {
        given().when().get(API).then().statusCode(401).header("WWW-Authenticate", "acsjwt");
        given().when().put(API + "/nope").then().statusCode(401);
        given().header("Authorization", "token=" + TestTokens.token("someone", "dcos:adminrouter:ops:logs"))
                .when().put(API + "/nope").then().statusCode(403);
        given().header("Authorization", "token=" + TestTokens.token("someone"))
                .when().get(API + "/nope/file").then().statusCode(403);
        assertFalse(Files.exists(bundleDir().resolve("local/nope")));
    }

    @Test
    void listShowsEveryBundleWithItsState() throws Exception {
        operator().when().put(API + "/listed").then().statusCode(200);
        awaitStatus(API + "/listed", "Done");
        Set<String> ids = new TreeSet<>(operator().when().get(API).then().statusCode(200).extract().jsonPath().getList("id"));
        assertTrue(ids.contains("listed"), ids.toString());
        operator().when().get(API).then().body("find { it.id == 'listed' }.status", equalTo("Done"))
                .body("find { it.id == 'listed' }.type", equalTo("Local"));
    }
}
