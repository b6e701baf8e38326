package day2ops.logs.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import day2ops.common.testing.TestKeyResource;
import day2ops.logs.testing.Fixture;
import day2ops.logs.testing.Gatewayd;
import day2ops.logs.testing.Http;
import day2ops.logs.testing.JournaldResource;
import day2ops.logs.testing.MesosAgentResource;
import day2ops.logs.testing.TestJournald;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The same requests to this service's {@code /entries} and to a real systemd-journal-gatewayd serving
 * the same journal files: the same entries (cursors and every field) in the same order, and the
 * export format byte for byte.
 */
@QuarkusTest
@WithTestResource(TestKeyResource.class)
@WithTestResource(JournaldResource.class)
@WithTestResource(MesosAgentResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewaydDifferentialTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ENTRIES = 40;

    private Gatewayd gatewayd;
    private Path gatewaydLog;
    private String run;
    private List<String> cursors;

    @BeforeAll
    void startGatewayd() throws Exception {
        String why = Gatewayd.unavailableReason();
        assumeTrue(why == null, () -> "no systemd-journal-gatewayd: " + why);
        run = Fixture.newRun();
        Fixture.write(run, 0, ENTRIES);
        cursors = Fixture.cursors(run);
        gatewaydLog = Files.createTempFile("gatewayd", ".log");
        gatewayd = Gatewayd.start(TestJournald.get().journalDir(), gatewaydLog);
    }

    @AfterAll
    void stopGatewayd() throws Exception {
        if (gatewayd != null) {
            gatewayd.close();
        }
        if (gatewaydLog != null) {
            Files.deleteIfExists(gatewaydLog);
        }
    }

    private List<String> ranges() {
        String c5 = cursors.get(5);
        String c20 = cursors.get(20);
        String last = cursors.get(ENTRIES - 1);
        return List.of("", "entries=", "entries=:5", "entries=:3:4", "entries=:-5:3", "entries=:-1:1",
                "entries=" + c5, "entries=" + c5 + ":2", "entries=" + c20 + ":3:4", "entries=" + c20 + ":-3:4",
                "entries=" + c20 + ":-1:2", "entries=" + c20 + ":0:1", "entries=  " + c5 + " trailing:1:2",
                "entries=" + last + ":1:3", "entries=" + c5 + "::2", "entries=:100:2", "entries=:-100:2");
    }

    private List<String> queries() {
        return List.of("?TEST_RUN=" + run, "?TEST_RUN=" + run + "&STREAM=STDERR",
                "?TEST_RUN=" + run + "&STREAM=STDERR&STREAM=STDOUT", "?TEST_RUN=" + run + "&SEQ=3&SEQ=4&SEQ=30",
                "?TEST_RUN=" + run + "&boot", "?TEST_RUN=" + run + "&REPEATED=second");
    }

    @Test
    void sameEntriesAsGatewaydInJson() throws Exception {
        int compared = 0;
        for (String query : queries()) {
            for (String range : ranges()) {
                String what = "query " + query + ", Range " + range;
                HttpResponse<byte[]> ours = Http.bytes(Http.uri("/entries" + query), headers(range, "application/json",
                        "Authorization", "token=" + Http.LOGS_TOKEN));
                HttpResponse<byte[]> theirs = Http.bytes(gatewayd.uri("/entries" + query), headers(range, "application/json"));
                assertEquals(theirs.statusCode(), ours.statusCode(), what);
                if (theirs.statusCode() != 200) {
                    continue;
                }
                List<JsonNode> ourEntries = jsonLines(ours);
                List<JsonNode> theirEntries = jsonLines(theirs);
                assertEquals(cursorsOf(theirEntries), cursorsOf(ourEntries), what);
                for (int i = 0; i < ourEntries.size(); i++) {
                    assertSameEntry(theirEntries.get(i), ourEntries.get(i), what);
                }
                compared += ourEntries.size();
            }
        }
        assertFalse(compared == 0, "the requests selected nothing; the comparison would prove nothing");
    }

    @Test
    void sameBytesAsGatewaydInExportFormat() throws Exception {
        for (String range : ranges()) {
            String query = "?TEST_RUN=" + run;
            HttpResponse<byte[]> ours = Http.bytes(Http.uri("/entries" + query), headers(range, "application/vnd.fdo.journal",
                    "Authorization", "token=" + Http.LOGS_TOKEN));
            HttpResponse<byte[]> theirs = Http.bytes(gatewayd.uri("/entries" + query), headers(range, "application/vnd.fdo.journal"));
            assertEquals(theirs.statusCode(), ours.statusCode(), "Range " + range);
            if (theirs.statusCode() == 200) {
                assertArrayEquals(theirs.body(), ours.body(), "Range " + range);
            }
        }
    }

    /**
     * Field by field; the one intended difference: journalctl's JSON (so gatewayd's) replaces values of
     * 4096 bytes or more with {@code null}, this service sends them in full.
     */
    private static void assertSameEntry(JsonNode theirs, JsonNode ours, String what) {
        List<String> theirNames = new ArrayList<>();
        theirs.fieldNames().forEachRemaining(theirNames::add);
        List<String> ourNames = new ArrayList<>();
        ours.fieldNames().forEachRemaining(ourNames::add);
        theirNames.sort(null);
        ourNames.sort(null);
        assertEquals(theirNames, ourNames, what);
        for (String name : theirNames) {
            JsonNode expected = theirs.get(name);
            JsonNode actual = ours.get(name);
            if (expected.isNull()) {
                assertTrue(actual.isTextual() && actual.asText().getBytes(StandardCharsets.UTF_8).length + name.length() + 1 >= 4096,
                        what + ": " + name + " is null at gatewayd but short here");
            } else {
                assertEquals(expected, actual, what + ": field " + name);
            }
        }
    }

    private static List<String> cursorsOf(List<JsonNode> entries) {
        return entries.stream().map(e -> e.get("__CURSOR").asText()).toList();
    }

    @Test
    void sameDiscreteEntryAsGatewayd() throws Exception {
        for (int i : new int[] {0, 7, ENTRIES - 1}) {
            String range = "entries=" + cursors.get(i);
            List<JsonNode> ours = jsonLines(Http.bytes(Http.uri("/entries?discrete"), headers(range, "application/json",
                    "Authorization", "token=" + Http.LOGS_TOKEN)));
            List<JsonNode> theirs = jsonLines(Http.bytes(gatewayd.uri("/entries?discrete"), headers(range, "application/json")));
            assertEquals(1, ours.size());
            assertEquals(cursorsOf(theirs), cursorsOf(ours));
            assertSameEntry(theirs.get(0), ours.get(0), "discrete " + i);
            assertEquals(cursors.get(i), ours.get(0).get("__CURSOR").asText());
        }
    }

    @Test
    void sameUniqueFieldValuesAsGatewayd() throws Exception {
        for (String field : List.of("SEQ", "STREAM", "BINARY_PAYLOAD")) {
            byte[] ours = body(Http.bytes(Http.uri("/fields/" + field), "Authorization", "token=" + Http.LOGS_TOKEN));
            byte[] theirs = body(Http.bytes(gatewayd.uri("/fields/" + field)));
            assertEquals(sortedLines(theirs), sortedLines(ours), field);
        }
    }

    private static List<String> sortedLines(byte[] body) {
        List<String> lines = new ArrayList<>(List.of(new String(body, StandardCharsets.ISO_8859_1).split("\n")));
        lines.sort(null);
        return lines;
    }

    private static String[] headers(String range, String accept, String... more) {
        List<String> h = new ArrayList<>(List.of("Accept", accept));
        if (!range.isEmpty()) {
            h.add("Range");
            h.add(range);
        }
        h.addAll(List.of(more));
        return h.toArray(String[]::new);
    }

    private static byte[] body(HttpResponse<byte[]> response) {
        assertEquals(200, response.statusCode(), () -> response.uri() + ": " + new String(response.body(), StandardCharsets.UTF_8));
        return response.body();
    }

    private static List<JsonNode> jsonLines(HttpResponse<byte[]> response) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : new String(body(response), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }
}
