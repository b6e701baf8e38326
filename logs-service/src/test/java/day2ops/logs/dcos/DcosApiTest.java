package day2ops.logs.dcos;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import day2ops.common.auth.Permissions;
import day2ops.common.testing.TestKeyResource;
import day2ops.common.testing.TestTokens;
import day2ops.logs.testing.Fixture;
import day2ops.logs.testing.Http;
import day2ops.logs.testing.JournaldResource;
import day2ops.logs.testing.MesosAgentResource;
import day2ops.logs.testing.TestJournald;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@QuarkusTest
@WithTestResource(TestKeyResource.class)
@WithTestResource(JournaldResource.class)
@WithTestResource(MesosAgentResource.class)
// A bound, so a lost entry fails the test instead of hanging the build; no test asserts timings.
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DcosApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String auth() {
        return "token=" + Http.LOGS_TOKEN;
    }

    private static String filter(String run) {
        return "filter=TEST_RUN:" + run;
    }

    /** SEQ of each JSON line of a DC/OS JSON response. */
    private static List<Integer> seqs(Response response) throws Exception {
        List<Integer> seqs = new ArrayList<>();
        if (response.statusCode() == 204) {
            return seqs;
        }
        assertEquals(200, response.statusCode(), response.asString());
        for (String line : response.asString().split("\n")) {
            if (!line.isEmpty()) {
                seqs.add(JSON.readTree(line).get("fields").get("SEQ").asInt());
            }
        }
        return seqs;
    }

    private static Response v2(String run, String query, String... headers) {
        // The query is already encoded here (cursors contain '=' and ';').
        var request = given().urlEncodingEnabled(false).header("Authorization", auth()).header("Accept", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            request = request.header(headers[i], headers[i + 1]);
        }
        return request.when().get("/v2/component?" + filter(run) + (query.isEmpty() ? "" : "&" + query));
    }

    @Test
    void v2SkipCursorAndLimitFollowTheSpecVectors() throws Exception {
        String run = Fixture.newRun();
        Fixture.write(run, 0, 5);
        List<String> c = Fixture.cursors(run);
        String c1 = URLEncoder.encode(c.get(1), StandardCharsets.UTF_8);
        // The spec's vectors, with the journal in place of the file "one..five": entry i is line i+1, and
        // cursor c1 (the entry "two") plays byte offset 7 (the end of line "two").
        assertEquals(List.of(2, 3, 4), seqs(v2(run, "skip=2")));
        assertEquals(List.of(3, 4), seqs(v2(run, "cursor=END&skip=-2")));
        assertEquals(List.of(3), seqs(v2(run, "skip=3&limit=1")));
        assertEquals(List.of(3, 4), seqs(v2(run, "cursor=" + c1 + "&skip=1")));
        assertEquals(List.of(1), seqs(v2(run, "cursor=" + c1 + "&skip=-1&limit=1")));
        assertEquals(List.of(2, 3, 4), seqs(v2(run, "cursor=END&skip=-1", "Last-Event-ID", c.get(1))));
        assertEquals(List.of(0, 1, 2, 3, 4), seqs(v2(run, "cursor=BEG")));
        assertEquals(List.of(2, 3, 4), seqs(v2(run, "cursor=" + c1)));
    }

    @Test
    void lastTenOfTheWholeJournalAreExactlyTen() throws Exception {
        Fixture.write(Fixture.newRun(), 0, 12);
        Response response = given().header("Authorization", auth()).header("Accept", "application/json")
                .when().get("/v2/component?skip=-10&limit=10");
        response.then().statusCode(200).header("Cache-Control", "no-cache").header("X-Accel-Buffering", "no");
        assertEquals(10, response.asString().lines().count());
    }

    @Test
    void v1RangeSkipsCursorsReverseAndHeaders() throws Exception {
        String run = Fixture.newRun();
        Fixture.write(run, 0, 20);
        List<String> c = Fixture.cursors(run);
        Response last = given().header("Authorization", auth()).header("Accept", "application/json")
                .when().get("/v1/range/?" + filter(run) + "&skip_prev=10");
        last.then().statusCode(200).header("X-Journal-Skip-Prev", "10").header("X-Journal-Skip-Next", "0");
        assertEquals(List.of(10, 11, 12, 13, 14, 15, 16, 17, 18, 19), seqs(last));
        Response next = given().header("Authorization", auth()).header("Accept", "application/json")
                .when().get("/v1/range/?" + filter(run) + "&skip_next=25");
        assertEquals("20", next.header("X-Journal-Skip-Next"), "entries actually skipped");
        assertEquals(204, next.statusCode());
        Response afterCursor = given().header("Authorization", auth()).header("Accept", "application/json")
                .queryParam("cursor", c.get(4)).when().get("/v1/range/?" + filter(run) + "&limit=3");
        assertEquals(List.of(5, 6, 7), seqs(afterCursor));
        Response reverse = given().header("Authorization", auth()).header("Accept", "application/json")
                .queryParam("cursor", c.get(4)).when().get("/v1/range/?" + filter(run) + "&read_reverse=true&limit=2");
        assertEquals(List.of(3, 2), seqs(reverse));
        given().header("Authorization", auth()).when().get("/v1/range/?filter=TEST_RUN:no-such-run").then().statusCode(204);
    }

    @Test
    void filtersAcceptColonsAndCombineSameFieldOrDifferentFieldAnd() throws Exception {
        String run = Fixture.newRun();
        Fixture.write(run, 0, 6, "ENDPOINT", "http://10.0.0.1:8080/x");
        Response sameField = given().header("Authorization", auth()).header("Accept", "application/json")
                .when().get("/v1/range/?" + filter(run) + "&filter=SEQ:1&filter=SEQ:4");
        assertEquals(List.of(1, 4), seqs(sameField));
        Response colon = given().header("Authorization", auth()).header("Accept", "application/json")
                .when().get("/v1/range/?" + filter(run) + "&filter=ENDPOINT:http://10.0.0.1:8080/x&filter=STREAM:STDERR");
        assertEquals(List.of(1, 3, 5), seqs(colon));
    }

    @Test
    void componentRouteMatchesUnitAndNarrowsWithFilters() throws Exception {
        String run = Fixture.newRun();
        Fixture.write(run, 0, 4, "UNIT", "dcos-demo.service");
        Fixture.write(run, 4, 2);
        Response unit = given().header("Authorization", auth()).header("Accept", "application/json")
                .when().get("/v2/component/dcos-demo.service?" + filter(run) + "&filter=STREAM:STDOUT");
        assertEquals(List.of(0, 2), seqs(unit));
    }

    @Test
    void negotiatesWithQValuesAndFormatsText() throws Exception {
        String run = Fixture.newRun();
        Fixture.write(run, 0, 2);
        given().header("Authorization", auth()).header("Accept", "text/plain;q=0.2, application/json;q=0.9")
                .when().get("/v2/component?" + filter(run)).then().statusCode(200).contentType(startsWith("application/json"));
        String text = given().header("Authorization", auth()).header("Accept", "*/*")
                .when().get("/v2/component?" + filter(run)).then().statusCode(200).contentType(startsWith("text/plain"))
                .extract().asString();
        assertTrue(text.lines().findFirst().orElseThrow().matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}: entry 0 of " + run), text);
        given().header("Authorization", auth()).header("Accept", "image/png")
                .when().get("/v2/component?" + filter(run)).then().statusCode(406).contentType("application/problem+json");
    }

    @Test
    void eventStreamCarriesCursorsAndResumesAfterLastEventId() throws Exception {
        String run = Fixture.newRun();
        Fixture.write(run, 0, 3);
        List<String> c = Fixture.cursors(run);
        HttpResponse<InputStream> response = Http.stream(Http.get("/v2/component?" + filter(run) + "&cursor=BEG")
                .header("Accept", "text/event-stream").header("Last-Event-ID", c.get(0)).build());
        assertEquals(200, response.statusCode());
        assertEquals("no-cache", response.headers().firstValue("Cache-Control").orElse(""));
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            Fixture.write(run, 3, 2);
            for (int i = 1; i < 5; i++) {
                String id = in.readLine();
                String data = in.readLine();
                assertEquals("", in.readLine());
                assertEquals("id: " + Fixture.cursors(run).get(i), id);
                JsonNode entry = JSON.readTree(data.substring("data: ".length()));
                assertEquals(Integer.toString(i), entry.get("fields").get("SEQ").asText());
                assertEquals(Fixture.cursors(run).get(i), entry.get("cursor").asText());
            }
            // Idle: the stream sends keep-alive comments (interval 2 s in tests).
            assertEquals(": ping", in.readLine());
        }
    }

    @Test
    void v1StreamFollowsFromTheEndAndRejectsLimitAndReverse() throws Exception {
        String run = Fixture.newRun();
        Fixture.write(run, 0, 3);
        HttpResponse<InputStream> response = Http.stream(Http.get("/v1/stream/?" + filter(run))
                .header("Accept", "application/json").build());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            Fixture.write(run, 3, 2);
            assertEquals(3, JSON.readTree(in.readLine()).get("fields").get("SEQ").asInt());
            assertEquals(4, JSON.readTree(in.readLine()).get("fields").get("SEQ").asInt());
        }
        given().header("Authorization", auth()).when().get("/v1/stream/?limit=5").then().statusCode(400)
                .body("detail", equalTo("limit is not supported on /v1/stream/ (a stream has no end)"));
        given().header("Authorization", auth()).when().get("/v1/stream/?read_reverse=true").then().statusCode(400)
                .body("detail", equalTo("read_reverse is not supported on /v1/stream/"));
    }

    @Test
    void downloadIsGzippedTextWithAFileName() throws Exception {
        String run = Fixture.newRun();
        Fixture.write(run, 0, 3);
        Response response = given().header("Authorization", auth())
                .when().get("/v1/range/download?" + filter(run) + "&postfix=today");
        response.then().statusCode(200).header("Content-Disposition", "attachment; filename=root-range-today.log.gz");
        String text = new String(new GZIPInputStream(new ByteArrayInputStream(response.asByteArray())).readAllBytes(),
                StandardCharsets.UTF_8);
        assertEquals(3, text.lines().count());
        assertTrue(text.lines().findFirst().orElseThrow().endsWith(": entry 0 of " + run));
    }

    @Test
    void fieldsListDistinctTaskFieldValues() {
        TestJournald.get();
        given().header("Authorization", auth()).when().get("/v1/fields/STREAM").then().statusCode(200)
                .body("$", hasItems("STDOUT", "STDERR"));
        given().header("Authorization", auth()).when().get("/v1/fields/MESSAGE").then().statusCode(400)
                .body("detail", startsWith("field must be one of AGENT_ID, CONTAINER_ID, EXECUTOR_ID, FRAMEWORK_ID, STREAM"));
    }

    @Test
    void rejectsBadParametersWithPreciseReasons() {
        TestJournald.get();
        String[][] cases = {
                {"/v1/range/?limit=0", "limit must be a positive integer, got '0'"},
                {"/v1/range/?limit=ten", "limit must be a positive integer, got 'ten'"},
                {"/v1/range/?skip_next=-1", "skip_next must be a non-negative integer, got '-1'"},
                {"/v1/range/?skip_prev=x", "skip_prev must be a non-negative integer, got 'x'"},
                {"/v1/range/?filter=nocolon", "filter must be FIELD:value, got 'nocolon'"},
                {"/v1/range/?filter=lower:x", "filter 'lower:x': invalid field name lower (only A-Z, 0-9 and _ are allowed)"},
                {"/v1/range/?cursor=garbage", "cursor 'garbage' is not a valid journal cursor"},
                {"/v1/range/?read_reverse=perhaps", "read_reverse must be true or false, got 'perhaps'"},
                {"/v2/component?skip=1.5", "skip must be an integer (negative reads backwards), got '1.5'"},
                {"/v2/component?cursor=", "cursor must not be empty (use BEG, END or a journal cursor)"},
                {"/v1/range/download?postfix=../x", "postfix may only contain"},
        };
        for (String[] c : cases) {
            given().header("Authorization", auth()).when().get(c[0]).then().statusCode(400)
                    .contentType("application/problem+json").body("detail", startsWith(c[1]));
        }
        given().header("Authorization", auth()).header("Last-Event-ID", "nope").when().get("/v2/component")
                .then().statusCode(400).body("detail", startsWith("Last-Event-ID 'nope' is not a valid journal cursor"));
    }

    @Test
    void componentLogsNeedTheSystemLogsPermission() {
        given().when().get("/v2/component").then().statusCode(401).header("WWW-Authenticate", "acsjwt");
        given().header("Authorization", "token=" + TestTokens.token("dev", Permissions.appSandbox("/tenant-a")))
                .when().get("/v2/component").then().statusCode(403);
        given().header("Authorization", "token=" + TestTokens.token("dev", Permissions.SYSTEM_METRICS))
                .when().get("/v1/range/").then().statusCode(403);
    }
}
