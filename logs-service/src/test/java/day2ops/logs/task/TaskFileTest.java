package day2ops.logs.task;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import day2ops.common.auth.Permissions;
import day2ops.common.testing.TestKeyResource;
import day2ops.common.testing.TestTokens;
import day2ops.logs.config.LogsConfig;
import day2ops.logs.testing.Http;
import day2ops.logs.testing.JournaldResource;
import day2ops.logs.testing.MesosAgentResource;
import day2ops.logs.testing.SandboxFixture;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@QuarkusTest
@WithTestResource(TestKeyResource.class)
@WithTestResource(JournaldResource.class)
@WithTestResource(MesosAgentResource.class)
// A bound, so a lost line fails the test instead of hanging the build; no test asserts timings.
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TaskFileTest {

    private static final String WEB = SandboxFixture.route(MesosAgentResource.TASKS[0]);

    @Inject
    LogsConfig config;

    private static List<String> lines(String query, String... headers) {
        var request = given().header("Authorization", "token=" + Http.LOGS_TOKEN).header("Accept", "text/plain");
        for (int i = 0; i < headers.length; i += 2) {
            request = request.header(headers[i], headers[i + 1]);
        }
        var response = request.when().get(WEB + "/stdout" + query);
        if (response.statusCode() == 204) {
            return List.of();
        }
        assertEquals(200, response.statusCode(), response.asString());
        return response.asString().lines().toList();
    }

    @Test
    void followsTheSpecTestVectors() {
        assertEquals(List.of("three", "four", "five"), lines("?skip=2"));
        assertEquals(List.of("four", "five"), lines("?cursor=END&skip=-2"));
        assertEquals(List.of("four"), lines("?skip=3&limit=1"));
        assertEquals(List.of("four", "five"), lines("?cursor=7&skip=1"));
        assertEquals(List.of("two"), lines("?cursor=7&skip=-1&limit=1"));
        assertEquals(List.of("three", "four", "five"), lines("?cursor=END&skip=-1", "Last-Event-ID", "7"));
        assertEquals(List.of("one", "two", "three", "four", "five"), lines(""));
        assertEquals(List.of(), lines("?cursor=END"));
    }

    @Test
    void refusesPathsOutsideTheSandbox() {
        String token = "token=" + Http.LOGS_TOKEN;
        given().header("Authorization", token).urlEncodingEnabled(false).when().get(WEB + "/..%2F..%2F..%2Fetc%2Fpasswd")
                .then().statusCode(400).body("detail", equalTo("path '../../../etc/passwd' escapes the task sandbox"));
        given().header("Authorization", token).when().get(WEB + "/escape")
                .then().statusCode(400).body("detail", equalTo("path 'escape' escapes the task sandbox"));
        given().header("Authorization", token).when().get(WEB + "/files/browse?path=../..")
                .then().statusCode(400).body("detail", equalTo("path '../..' escapes the task sandbox"));
        given().header("Authorization", token).when().get(WEB + "/nope").then().statusCode(404);
        given().header("Authorization", token).when().get(SandboxFixture.route(new String[] {"x", "y"}) + "/stdout")
                .then().statusCode(404);
        given().header("Authorization", token).when().get(WEB + "/stdout?cursor=abc").then().statusCode(400)
                .body("detail", equalTo("cursor must be BEG, END or a byte offset, got 'abc'"));
        given().header("Authorization", token).when().get(WEB + "/stdout?filter=A:b").then().statusCode(400)
                .body("detail", equalTo("filter applies to journal reads only, not to sandbox files"));
    }

    @Test
    void browsesAndDownloads() {
        String token = "token=" + Http.LOGS_TOKEN;
        given().header("Authorization", token).when().get(WEB + "/files/browse").then().statusCode(200)
                .body("path", hasItems("stdout", "stderr", "logs", "escape"))
                .body("find { it.path == 'stdout' }.size", equalTo(SandboxFixture.STDOUT.length()))
                .body("find { it.path == 'logs' }.mode", startsWith("d"));
        given().header("Authorization", token).when().get(WEB + "/files/browse?path=logs").then().statusCode(200)
                .body("path", equalTo(List.of("logs/app.log")));
        given().header("Authorization", token).when().get(WEB + "/stdout/download").then().statusCode(200)
                .header("Content-Disposition", "attachment; filename=task-" + MesosAgentResource.TASKS[0][1] + "-stdout")
                .body(equalTo(SandboxFixture.STDOUT));
    }

    @Test
    void servesTaskFilesOnlyToPermittedCallers() {
        given().header("Authorization", "token=" + TestTokens.token("dev", Permissions.appSandbox("/tenant-a")))
                .header("Accept", "text/plain").when().get(WEB + "/stderr").then().statusCode(200).body(equalTo("warning\n"));
        given().header("Authorization", "token=" + TestTokens.token("dev", Permissions.appSandbox("/tenant-b")))
                .when().get(WEB + "/stderr").then().statusCode(403);
        // The agent does not know this task: not resolvable, so only system-logs may read it.
        given().header("Authorization", "token=" + TestTokens.token("dev", Permissions.appSandbox("/")))
                .when().get(SandboxFixture.route(MesosAgentResource.TASKS[3]) + "/stdout").then().statusCode(403);
    }

    @Test
    void followsAFileByChangeNotification() throws Exception {
        Path run = config.mesos().workDir().resolve("slaves").resolve(SandboxFixture.AGENT).resolve("frameworks")
                .resolve(MesosAgentResource.FRAMEWORK).resolve("executors").resolve(MesosAgentResource.TASKS[0][0])
                .resolve("runs").resolve(MesosAgentResource.TASKS[0][1]);
        Path log = run.resolve("follow.log");
        Files.writeString(log, "a\n");
        HttpResponse<InputStream> response = Http.stream(Http.get(WEB + "/follow.log").header("Accept", "text/event-stream").build());
        assertEquals(200, response.statusCode());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertEquals("id: 1", in.readLine());
            assertEquals("data: {\"fields\":{\"MESSAGE\":\"a\"},\"cursor\":\"1\"}", in.readLine());
            assertEquals("", in.readLine());
            Files.writeString(log, "bb\nccc\n", StandardOpenOption.APPEND);
            assertEquals("id: 4", in.readLine());
            assertEquals("data: {\"fields\":{\"MESSAGE\":\"bb\"},\"cursor\":\"4\"}", in.readLine());
            assertEquals("", in.readLine());
            assertEquals("id: 8", in.readLine());
        }
    }

    @Test
    void discoversTheTaskAndRedirectsToItsNodeKeepingTheQuery() {
        String token = "token=" + Http.LOGS_TOKEN;
        given().header("Authorization", token).redirects().follow(false).when().get("/v2/task/web?cursor=END&skip=-5")
                .then().statusCode(303).header("Location", "/system/v1/agent/" + SandboxFixture.AGENT + "/logs/v2/task/frameworks/"
                        + MesosAgentResource.FRAMEWORK + "/executors/" + MesosAgentResource.TASKS[0][0] + "/runs/"
                        + MesosAgentResource.TASKS[0][1] + "/stdout?cursor=END&skip=-5");
        given().header("Authorization", token).redirects().follow(false).when().get("/v2/task/sidecar/file/stderr/download")
                .then().statusCode(303).header("Location", "/system/v1/agent/" + SandboxFixture.AGENT + "/logs/v2/task/frameworks/"
                        + MesosAgentResource.FRAMEWORK + "/executors/instance-tenant-d_pod.5e6f7a8b-1a2b-11ef-9c3d-0242ac110002"
                        + "/runs/5a0b1c2d-3e4f-4a5b-9c6d-7e8f9a0b1c2d/tasks/tenant-d_pod.instance-5e6f7a8b-1a2b-11ef-9c3d-0242ac110002.sidecar"
                        + "/stderr/download");
        given().header("Authorization", token).redirects().follow(false).when().get("/v2/task/7f1b0c2d/browse")
                .then().statusCode(303).header("Location", startsWith("/system/v1/agent/" + SandboxFixture.AGENT + "/logs/v2/task/frameworks/"));
        given().header("Authorization", token).when().get("/v2/task/nosuchtask").then().statusCode(404)
                .body("detail", equalTo("unknown task 'nosuchtask'"));
        given().header("Authorization", token).when().get("/v2/task/api").then().statusCode(409)
                .body("detail", equalTo("task 'api' is ambiguous; candidates: tenant-b_api.8a2c1d3e-1a2b-11ef-9c3d-0242ac110002, "
                        + "tenant-b_api.9d4e3f5a-1a2b-11ef-9c3d-0242ac110002"));
    }
}
