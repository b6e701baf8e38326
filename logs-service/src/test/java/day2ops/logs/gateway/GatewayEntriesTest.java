package day2ops.logs.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import day2ops.common.auth.Permissions;
import day2ops.common.testing.TestKeyResource;
import day2ops.common.testing.TestTokens;
import day2ops.logs.journal.ReaderPool;
import day2ops.logs.testing.Fixture;
import day2ops.logs.testing.Http;
import day2ops.logs.testing.JournaldResource;
import day2ops.logs.testing.MesosAgentResource;
import day2ops.logs.testing.Metrics;
import day2ops.logs.testing.TestJournald;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@QuarkusTest
@WithTestResource(TestKeyResource.class)
@WithTestResource(JournaldResource.class)
@WithTestResource(MesosAgentResource.class)
// A bound, so a lost entry fails the test instead of hanging the build; no test asserts timings.
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GatewayEntriesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ReaderPool pool;

    private static String auth() {
        return "token=" + Http.LOGS_TOKEN;
    }

    @Test
    void rejectsMalformedInputWithPreciseReasons() throws Exception {
        TestJournald.get();
        String[][] cases = {
                {"entries=:x:3", "", "Failed to parse Range header: num_skip 'x' is not an integer"},
                {"entries=:1:0", "", "Failed to parse Range header: num_entries must be positive, got '0'"},
                {"entries=:-3", "", "Failed to parse Range header: num_entries '-3' is not a non-negative integer"},
                {"realtime=abc:", "", "Failed to parse Range header: since 'abc' is not a number of seconds"},
                {"realtime=20:10", "", "Failed to parse Range header: until is before since"},
                {"entries=not-a-cursor", "", "Failed to seek in journal: "},
                {"", "?discrete", "Discrete seeks require a cursor specification."},
                {"", "?follow=maybe", "Failed to parse URL arguments: follow='maybe' is not a boolean"},
                {"", "?lower=x", "Failed to parse URL arguments: invalid field name 'lower' (only A-Z, 0-9 and _ are allowed)"},
                {"", "?__CURSOR=x", "Failed to parse URL arguments: field '__CURSOR' starts with __ (address fields cannot be matched)"},
        };
        for (String[] c : cases) {
            var request = given().header("Authorization", auth());
            if (!c[0].isEmpty()) {
                request = request.header("Range", c[0]);
            }
            request.when().get("/entries" + c[1]).then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", startsWith(c[2]));
        }
        given().header("Authorization", auth()).when().get("/fields/lower").then()
                .statusCode(400).body("detail", startsWith("Failed to query unique fields: "));
    }

    @Test
    void requiresTheSystemLogsPermission() {
        given().when().get("/entries").then().statusCode(401).header("WWW-Authenticate", "acsjwt")
                .contentType("application/problem+json");
        // Answered once, by the route, as problem+json (not also by Quarkus's bare challenge).
        given().header("Authorization", "token=" + TestTokens.expired("ops", Permissions.SYSTEM_LOGS))
                .when().get("/entries").then().statusCode(401).header("WWW-Authenticate", "acsjwt")
                .contentType("application/problem+json").body("detail", equalTo("invalid authentication token"));
        given().header("Authorization", "token=" + TestTokens.token("ops", Permissions.SYSTEM_METRICS))
                .when().get("/fields/SEQ").then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", "token=" + TestTokens.token("root", Permissions.SUPERUSER))
                .when().get("/machine").then().statusCode(200).body("machine_id", equalTo(machineId()));
    }

    private static String machineId() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/etc/machine-id")).trim();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void servesShortTextJsonAndEventStreamByAccept() throws Exception {
        String run = Fixture.newRun();
        Fixture.write(run, 0, 5);
        String text = given().header("Authorization", auth()).header("Accept", "text/html;q=0.9, text/plain")
                .when().get("/entries?TEST_RUN=" + run).then().statusCode(200).contentType("text/plain")
                .extract().asString();
        List<String> lines = text.lines().toList();
        // entry 4 has a two-line message: the second line is indented under the first.
        assertEquals(6, lines.size(), text);
        assertTrue(lines.get(0).matches("[A-Z][a-z]{2} \\d{2} \\d{2}:\\d{2}:\\d{2} \\S+ fixture\\[\\d+\\]: entry 0 of " + run), lines.get(0));
        assertTrue(lines.get(5).endsWith(" second line") && lines.get(5).startsWith("   "), lines.get(5));

        String sse = given().header("Authorization", auth()).header("Accept", "application/json;q=0.5, text/event-stream")
                .when().get("/entries?TEST_RUN=" + run).then().statusCode(200).contentType(startsWith("text/event-stream"))
                .header("Cache-Control", "no-cache").extract().asString();
        String[] frames = sse.split("\n\n");
        assertEquals(5, frames.length);
        for (int i = 0; i < 5; i++) {
            assertTrue(frames[i].startsWith("data: {"), frames[i]);
            JsonNode entry = JSON.readTree(frames[i].substring("data: ".length()));
            assertEquals(Integer.toString(i), entry.get("SEQ").asText());
        }
        String json = given().header("Authorization", auth()).header("Accept", "application/json")
                .when().get("/entries?TEST_RUN=" + run + "&SEQ=3").then().statusCode(200).extract().asString();
        JsonNode three = JSON.readTree(json.trim());
        JsonNode binary = three.get("BINARY_PAYLOAD");
        assertTrue(binary.isArray());
        for (int i = 0; i < Fixture.BINARY.length; i++) {
            assertEquals(Fixture.BINARY[i] & 0xff, binary.get(i).asInt());
        }
    }

    @Test
    void followDeliversNewEntriesInOrderAndSurvivesRotation() throws Exception {
        String run = Fixture.newRun();
        Fixture.write(run, 0, 3);
        HttpResponse<InputStream> response = Http.stream(Http.get("/entries?follow&TEST_RUN=" + run)
                .header("Accept", "application/json").build());
        assertEquals(200, response.statusCode());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            List<Integer> seen = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                seen.add(JSON.readTree(in.readLine()).get("SEQ").asInt());
            }
            Fixture.write(run, 3, 50);
            TestJournald.get().rotate();
            Fixture.write(run, 53, 50);
            TestJournald.get().rotate();
            Fixture.write(run, 103, 20);
            while (seen.size() < 123) {
                String line = in.readLine();
                seen.add(JSON.readTree(line).get("SEQ").asInt());
            }
            for (int i = 0; i < 123; i++) {
                assertEquals(i, seen.get(i), "entry " + i + " of " + seen);
            }
        }
    }

    @Test
    void followThatHasSeenNothingYetGetsEveryEntryWrittenAroundRotations() throws Exception {
        String run = Fixture.newRun();
        int parkedBefore = pool.parkedFollowers();
        HttpResponse<InputStream> response = Http.stream(Http.get("/entries?follow&TEST_RUN=" + run)
                .header("Accept", "application/json").build());
        assertEquals(200, response.statusCode());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            awaitCondition(() -> pool.parkedFollowers() > parkedBefore, "the follower parked before any entry of its run");
            // Its handle never stood on an entry of the run: after the rotation a new handle reads from the head.
            TestJournald.get().rotate();
            Fixture.write(run, 0, 3);
            TestJournald.get().rotate();
            Fixture.write(run, 3, 3);
            List<Integer> seen = new ArrayList<>();
            while (seen.size() < 6) {
                seen.add(JSON.readTree(in.readLine()).get("SEQ").asInt());
            }
            assertEquals(List.of(0, 1, 2, 3, 4, 5), seen);
        }
    }

    @Test
    void limitedFollowEndsAfterTheRequestedEntries() throws Exception {
        String run = Fixture.newRun();
        Fixture.write(run, 0, 2);
        List<String> cursors = Fixture.cursors(run);
        HttpResponse<InputStream> response = Http.stream(Http.get("/entries?follow&TEST_RUN=" + run)
                .header("Accept", "application/json").header("Range", "entries=" + cursors.get(1) + ":3").build());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            Fixture.write(run, 2, 5);
            List<Integer> seen = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                seen.add(JSON.readTree(line).get("SEQ").asInt());
            }
            // gatewayd's cursor ranges include the cursor's entry.
            assertEquals(List.of(1, 2, 3), seen);
        }
    }

    @Test
    void clientDisconnectFreesTheJournalHandle() throws Exception {
        String run = Fixture.newRun();
        Fixture.write(run, 0, 1);
        int before = pool.openStreams();
        HttpResponse<InputStream> response = Http.stream(Http.get("/entries?follow&TEST_RUN=" + run).build());
        BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        in.readLine();
        awaitCondition(() -> pool.openStreams() == before + 1, "follower holds a handle");
        in.close();
        awaitCondition(() -> pool.openStreams() == before, "handle released after disconnect");
    }

    static void awaitCondition(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void followersHoldNoInotifyInstanceOfTheirOwn() throws Exception {
        String run = Fixture.newRun();
        Fixture.write(run, 0, 1);
        long inotifyBefore = inotifyInstances();
        int parkedBefore = pool.parkedFollowers();
        List<InputStream> followers = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                followers.add(Http.stream(Http.get("/entries?follow&TEST_RUN=" + run).build()).body());
            }
            awaitCondition(() -> pool.parkedFollowers() >= parkedBefore + 20, "20 followers parked");
            assertEquals(inotifyBefore, inotifyInstances(), "one inotify instance serves all followers");
            Fixture.write(run, 1, 1);
            for (InputStream follower : followers) {
                BufferedReader in = new BufferedReader(new InputStreamReader(follower, StandardCharsets.UTF_8));
                assertTrue(in.readLine().contains("entry 0 of " + run));
                assertTrue(in.readLine().contains("entry 1 of " + run), "woken by the watcher, without an inotify instance of its own");
            }
        } finally {
            for (InputStream follower : followers) {
                follower.close();
            }
        }
    }

    @Test
    void refusedRequestsAreCountedAsBadRequest() {
        double before = Metrics.errors("bad_request");
        given().header("Authorization", auth()).header("Range", "entries=:x:1").when().get("/entries").then().statusCode(400);
        given().header("Authorization", auth()).when().get("/entries?follow=maybe").then().statusCode(400);
        assertEquals(before + 2, Metrics.errors("bad_request"));
    }

    /** The inotify instances this JVM (the service under test) holds. */
    private static long inotifyInstances() throws java.io.IOException {
        try (java.util.stream.Stream<java.nio.file.Path> fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return java.nio.file.Files.readSymbolicLink(fd).toString().equals("anon_inode:inotify");
                } catch (java.io.IOException gone) {
                    return false;
                }
            }).count();
        }
    }
}
