package day2ops.debug.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import day2ops.common.auth.Permissions;
import day2ops.common.testing.AuditJournal;
import day2ops.common.testing.AuditJournalResource;
import day2ops.common.testing.TestKeyResource;
import day2ops.common.testing.TestTokens;
import day2ops.debug.exec.ChannelProtocol;
import day2ops.debug.testing.ExecClient;
import day2ops.debug.testing.NamespacedTaskResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Exec into a real namespaced task over the channel protocol, and every way a request is refused. */
@QuarkusTest
@WithTestResource(TestKeyResource.class)
@WithTestResource(NamespacedTaskResource.class)
@WithTestResource(AuditJournalResource.class)
class ExecEndpointTest {

    private static final String TASK = NamespacedTaskResource.TASK;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    // Read when used: the service's other test classes start without NamespacedTaskResource's properties.
    private final String taskHostname = property("day2ops.test.task.hostname");
    private final String markerFile = property("day2ops.test.task.marker-file");
    private final String marker = property("day2ops.test.task.marker");

    private static String property(String name) {
        return ConfigProvider.getConfig().getOptionalValue(name, String.class).orElse(null);
    }

    private static String operator(String uid) {
        return TestTokens.token(uid, Permissions.DEBUG, Permissions.appSandbox(NamespacedTaskResource.APP));
    }

    private ExecClient exec(String task, boolean stdin, boolean tty, String... command) throws Exception {
        return ExecClient.open(ExecClient.uri(base.getPort(), task, List.of(command), stdin, tty), operator("alice"),
                ChannelProtocol.V5, ChannelProtocol.V4);
    }

    @Test
    void execSeesTheTasksHostnameMarkerFileAndPidNamespace() throws Exception {
        try (ExecClient client = exec(TASK, false, false,
                "sh", "-c", "hostname; cat \"$1\"; cat /proc/1/comm", "sh", markerFile)) {
            assertEquals(ChannelProtocol.V5, client.subprotocol());
            assertEquals("Success", client.awaitStatus().path("status").asText());
            String[] lines = client.output(ChannelProtocol.STDOUT).split("\n");
            assertEquals(taskHostname, lines[0]);
            assertEquals(marker, lines[1]);
            assertEquals("sleep", lines[2], "PID 1 of the task's pid namespace");
            assertEquals(1000, client.awaitClose());
        }
        assertFalse(java.nio.file.Files.exists(java.nio.file.Path.of(markerFile)), "the marker exists only inside the task");
    }

    @Test
    void commandsRunWithACleanEnvironment() throws Exception {
        try (ExecClient client = exec(TASK, false, false, "env")) {
            client.awaitStatus();
            Set<String> variables = Arrays.stream(client.output(ChannelProtocol.STDOUT).split("\n"))
                    .map(line -> line.substring(0, line.indexOf('='))).collect(Collectors.toSet());
            assertEquals(Set.of("PATH", "HOME"), variables, client.output(ChannelProtocol.STDOUT));
        }
    }

    @Test
    void runsAsTheTasksUser() throws Exception {
        try (ExecClient client = exec(NamespacedTaskResource.TASK_AS_NOBODY, false, false,
                "sh", "-c", "id -u; id -g; echo $USER $HOME")) {
            assertEquals("Success", client.awaitStatus().path("status").asText());
            assertEquals("65534\n65534\nnobody /nonexistent\n", client.output(ChannelProtocol.STDOUT));
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"exit 3, 3", "kill -TERM $$, 143", "kill -KILL $$, 137"})
    void nonZeroExitCodesAndSignalsArriveOnTheStatusChannel(String script, int expected) throws Exception {
        try (ExecClient client = exec(TASK, false, false, "sh", "-c", script)) {
            JsonNode status = client.awaitStatus();
            assertEquals("Failure", status.path("status").asText());
            assertEquals("NonZeroExitCode", status.path("reason").asText());
            JsonNode cause = status.path("details").path("causes").get(0);
            assertEquals("ExitCode", cause.path("reason").asText());
            assertEquals(Integer.toString(expected), cause.path("message").asText());
        }
    }

    @Test
    void stdoutAndStderrArriveOnTheirChannels() throws Exception {
        try (ExecClient client = exec(TASK, false, false, "sh", "-c", "echo to-out; echo to-err >&2")) {
            assertEquals("Success", client.awaitStatus().path("status").asText());
            assertEquals("to-out\n", client.output(ChannelProtocol.STDOUT));
            assertEquals("to-err\n", client.output(ChannelProtocol.STDERR));
        }
    }

    @Test
    void stdinIsDeliveredAndHalfCloseEndsIt() throws Exception {
        try (ExecClient client = exec(TASK, true, false, "sh", "-c", "cat; echo eof-seen")) {
            client.stdin("hello ");
            client.stdin("task\n");
            client.awaitOutput(ChannelProtocol.STDOUT, "hello task\n");
            client.closeStdin();
            assertEquals("Success", client.awaitStatus().path("status").asText());
            assertEquals("hello task\neof-seen\n", client.output(ChannelProtocol.STDOUT));
        }
    }

    @Test
    void speaksV4WhenTheClientOffersOnlyV4() throws Exception {
        try (ExecClient client = ExecClient.open(ExecClient.uri(base.getPort(), TASK,
                List.of("sh", "-c", "read line; echo got:$line; exit 4"), true, false), operator("alice"), ChannelProtocol.V4)) {
            assertEquals(ChannelProtocol.V4, client.subprotocol());
            client.stdin("v4-input\n");
            JsonNode status = client.awaitStatus();
            assertEquals("4", status.path("details").path("causes").get(0).path("message").asText());
            assertEquals("got:v4-input\n", client.output(ChannelProtocol.STDOUT));
        }
    }

    @Test
    void ttyFollowsResizeMessages() throws Exception {
        try (ExecClient client = exec(TASK, true, true, "sh")) {
            client.resize(101, 33);
            client.stdin("stty size; echo term=$TERM\n");
            client.awaitOutput(ChannelProtocol.STDOUT, "33 101");
            client.awaitOutput(ChannelProtocol.STDOUT, "term=xterm");
            client.stdin("hostname; cat " + markerFile + "\n");
            client.awaitOutput(ChannelProtocol.STDOUT, taskHostname + "\r\n" + marker);
            client.resize(77, 22);
            client.stdin("stty size\n");
            client.awaitOutput(ChannelProtocol.STDOUT, "22 77");
            client.stdin("exit 5\n");
            JsonNode status = client.awaitStatus();
            assertEquals("5", status.path("details").path("causes").get(0).path("message").asText(),
                    () -> "terminal showed: " + client.output(ChannelProtocol.STDOUT));
            assertEquals("", client.output(ChannelProtocol.STDERR), "with a TTY everything arrives on stdout");
        }
    }

    @Test
    void ttySessionReportsSignalDeathAs128PlusN() throws Exception {
        try (ExecClient client = exec(TASK, true, true, "sh", "-c", "kill -TERM $$")) {
            JsonNode status = client.awaitStatus();
            assertEquals("143", status.path("details").path("causes").get(0).path("message").asText());
        }
    }

    @Test
    void writesStartAndEndAuditRecordsToJournald() throws Exception {
        String uid = "auditor-" + UUID.randomUUID().toString().substring(0, 8);
        try (ExecClient client = ExecClient.open(ExecClient.uri(base.getPort(), TASK, List.of("sh", "-c", "cat; exit 2"), true, false),
                operator(uid), ChannelProtocol.V5)) {
            client.stdin("12345");
            client.awaitOutput(ChannelProtocol.STDOUT, "12345");
            client.closeStdin();
            client.awaitStatus();
        }
        List<Map<String, String>> records = AuditJournal.await(2, "DAY2OPS_UID=" + uid,
                "DAY2OPS_AUDIT_EVENT=exec-start", "DAY2OPS_AUDIT_EVENT=exec-end");
        Map<String, String> start = records.get(0);
        Map<String, String> end = records.get(1);
        assertEquals("exec-start", start.get("DAY2OPS_AUDIT_EVENT"));
        assertEquals("debug", start.get("DAY2OPS_SERVICE"));
        assertEquals(TASK, start.get("DAY2OPS_TASK_ID"));
        assertEquals("[\"sh\",\"-c\",\"cat; exit 2\"]", start.get("DAY2OPS_COMMAND"));
        assertEquals("false", start.get("DAY2OPS_TTY"));
        assertEquals(end.get("DAY2OPS_RECORDING"), start.get("DAY2OPS_RECORDING"), "the start record names the opened recording");
        assertEquals("exec-end", end.get("DAY2OPS_AUDIT_EVENT"));
        assertEquals(start.get("DAY2OPS_SESSION_ID"), end.get("DAY2OPS_SESSION_ID"));
        assertEquals("2", end.get("DAY2OPS_EXIT_STATUS"));
        assertEquals("5", end.get("DAY2OPS_BYTES_IN"));
        assertEquals("5", end.get("DAY2OPS_BYTES_OUT"));
        assertEquals("exited", end.get("DAY2OPS_END_REASON"));
        assertFalse(end.containsKey("DAY2OPS_RECORDING_ERROR"));

        List<String> recording = java.nio.file.Files.readAllLines(java.nio.file.Path.of(end.get("DAY2OPS_RECORDING")));
        assertEquals(2, JSON.readTree(recording.get(0)).path("version").asInt(), "asciicast v2 header");
        List<String> events = new ArrayList<>();
        for (String line : recording.subList(1, recording.size())) {
            JsonNode event = JSON.readTree(line);
            events.add(event.get(1).asText() + ":" + event.get(2).asText());
        }
        assertEquals(List.of("i:12345", "o:12345"), events, "input and output, in order");
    }

    @Test
    void refusalsAndTheAllowOfAnExecAreRecordedAsAccessDecisions() throws Exception {
        String uid = "intruder-" + UUID.randomUUID().toString().substring(0, 8);
        execRequest(TestTokens.token(uid, Permissions.DEBUG)).get(path(TASK, "id")).then().statusCode(403);
        Map<String, String> denied = AuditJournal.await(1, "DAY2OPS_UID=" + uid, "DAY2OPS_AUDIT_EVENT=access").get(0);
        assertEquals("deny", denied.get("DAY2OPS_DECISION"));
        assertEquals(Permissions.appSandbox(NamespacedTaskResource.APP), denied.get("DAY2OPS_PERMISSION"));
        assertEquals("exec into task '" + TASK + "' requires the permission " + Permissions.appSandbox(NamespacedTaskResource.APP),
                denied.get("DAY2OPS_REASON"));
        assertEquals("GET", denied.get("DAY2OPS_METHOD"));
        assertEquals("/v1/tasks/" + TASK + "/exec", denied.get("DAY2OPS_PATH"));
        assertEquals("403", denied.get("DAY2OPS_STATUS"));
        assertEquals(TASK, denied.get("DAY2OPS_TASK_ID"));
        assertEquals("127.0.0.1", denied.get("DAY2OPS_REMOTE"));
        assertEquals("debug", denied.get("DAY2OPS_SERVICE"));

        String allowedUid = "operator-" + UUID.randomUUID().toString().substring(0, 8);
        try (ExecClient client = ExecClient.open(ExecClient.uri(base.getPort(), TASK, List.of("true"), false, false),
                operator(allowedUid), ChannelProtocol.V5)) {
            client.awaitStatus();
        }
        List<Map<String, String>> records = AuditJournal.await(3, "DAY2OPS_UID=" + allowedUid);
        assertEquals(List.of("access", "exec-start", "exec-end"), records.stream().map(r -> r.get("DAY2OPS_AUDIT_EVENT")).toList());
        Map<String, String> allowed = records.get(0);
        assertEquals("allow", allowed.get("DAY2OPS_DECISION"));
        assertEquals(Permissions.appSandbox(NamespacedTaskResource.APP), allowed.get("DAY2OPS_PERMISSION"));
        assertEquals(TASK, allowed.get("DAY2OPS_TASK_ID"));
        assertFalse(allowed.containsKey("DAY2OPS_REASON"));

        String task = "no-token-" + UUID.randomUUID().toString().substring(0, 8);
        given().get(path(task, "id")).then().statusCode(401);
        Map<String, String> anonymous = AuditJournal.await(1, "DAY2OPS_TASK_ID=" + task).get(0);
        assertEquals("deny", anonymous.get("DAY2OPS_DECISION"));
        assertEquals("anonymous", anonymous.get("DAY2OPS_UID"));
        assertEquals("authenticated", anonymous.get("DAY2OPS_PERMISSION"));
        assertEquals("401", anonymous.get("DAY2OPS_STATUS"));
    }

    // --- refused before the upgrade: problem+json ---

    private static String path(String task, String... command) {
        return "/v1/tasks/" + task + "/exec?" + Arrays.stream(command).map(c -> "command=" + c).collect(Collectors.joining("&"));
    }

    private static RequestSpecification execRequest(String token) {
        return upgradeRequest(token, ChannelProtocol.V5);
    }

    private static RequestSpecification upgradeRequest(String token, String subprotocol) {
        return given().header("Authorization", "token=" + token)
                .header("Connection", "Upgrade").header("Upgrade", "websocket")
                .header("Sec-WebSocket-Version", "13").header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .header("Sec-WebSocket-Protocol", subprotocol);
    }

    @Test
    void withoutTokenIs401WithAcsjwtChallenge() {
        given().get(path(TASK, "id")).then().statusCode(401)
                .header("WWW-Authenticate", "acsjwt")
                .contentType("application/problem+json")
                .body("detail", containsString("Authorization: token="));
    }

    @Test
    void invalidTokenIs401() {
        execRequest(TestTokens.expired("alice", Permissions.SUPERUSER)).get(path(TASK, "id")).then().statusCode(401)
                .header("WWW-Authenticate", "acsjwt")
                .body("detail", equalTo("invalid authentication token"));
    }

    @Test
    void withoutDebugPermissionIs403() {
        execRequest(TestTokens.token("bob", Permissions.appSandbox(NamespacedTaskResource.APP)))
                .get(path(TASK, "id")).then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString(Permissions.DEBUG));
    }

    @Test
    void withoutTheApplicationPermissionIs403NamingIt() {
        execRequest(TestTokens.token("bob", Permissions.DEBUG, Permissions.appSandbox("/other")))
                .get(path(TASK, "id")).then().statusCode(403)
                .body("detail", containsString(Permissions.appSandbox(NamespacedTaskResource.APP)));
    }

    @Test
    void applicationGroupPermissionCoversTheTask() throws Exception {
        try (ExecClient client = ExecClient.open(ExecClient.uri(base.getPort(), TASK, List.of("true"), false, false),
                TestTokens.token("carol", Permissions.DEBUG, Permissions.appSandbox("/team")), ChannelProtocol.V5)) {
            assertEquals("Success", client.awaitStatus().path("status").asText());
        }
    }

    @Test
    void superuserMayExec() throws Exception {
        try (ExecClient client = ExecClient.open(ExecClient.uri(base.getPort(), TASK, List.of("true"), false, false),
                TestTokens.token("root", Permissions.SUPERUSER), ChannelProtocol.V5)) {
            assertEquals("Success", client.awaitStatus().path("status").asText());
        }
    }

    @Test
    void unknownTaskIs404() {
        execRequest(operator("alice")).get(path("no-such-task", "id")).then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("task 'no-such-task' is not running on this node"));
    }

    @Test
    void missingCommandIs400() {
        execRequest(operator("alice")).get("/v1/tasks/" + TASK + "/exec").then().statusCode(400)
                .body("detail", containsString("'command' is required"));
    }

    @Test
    void malformedFlagIs400() {
        execRequest(operator("alice")).get(path(TASK, "id") + "&tty=yes").then().statusCode(400)
                .body("detail", equalTo("query parameter 'tty' must be true or false, not 'yes'"));
    }

    @Test
    void plainHttpRequestIs400AskingForTheUpgrade() {
        given().header("Authorization", "token=" + operator("alice")).get(path(TASK, "id")).then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("WebSocket upgrade"));
    }

    @Test
    void unknownSubprotocolIs400() {
        upgradeRequest(operator("alice"), "channel.k8s.io").get(path(TASK, "id")).then()
                .statusCode(400)
                .body("detail", containsString("v5.channel.k8s.io"));
    }
}
