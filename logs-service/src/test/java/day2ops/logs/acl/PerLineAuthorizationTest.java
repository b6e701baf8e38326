package day2ops.logs.acl;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import day2ops.common.auth.Permissions;
import day2ops.common.testing.TestKeyResource;
import day2ops.common.testing.TestTokens;
import day2ops.logs.testing.Fixture;
import day2ops.logs.testing.JournaldResource;
import day2ops.logs.testing.MesosAgentResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A generated multi-tenant journal — lines of three applications the (recorded) Mesos agent knows,
 * of one task it does not know, and host lines — read by callers holding random permissions: every
 * returned line is permitted, and every permitted line is returned.
 */
@QuarkusTest
@WithTestResource(TestKeyResource.class)
@WithTestResource(JournaldResource.class)
@WithTestResource(MesosAgentResource.class)
class PerLineAuthorizationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PERMISSION_POOL = List.of(
            Permissions.appSandbox("/tenant-a/web"), Permissions.appSandbox("/tenant-a"), Permissions.appSandbox("/tenant-b/api"),
            Permissions.appSandbox("/tenant-c/db"), Permissions.appSandbox("/tenant-c/other"), Permissions.appSandbox("/"),
            Permissions.appSandbox("/tenant"), Permissions.SYSTEM_METRICS, Permissions.SYSTEM_LOGS, Permissions.SUPERUSER);

    @Test
    void everyReturnedLineIsPermittedAndEveryPermittedLineIsReturned() throws Exception {
        String run = Fixture.newRun();
        int perTask = 6;
        int seq = 0;
        List<String> appOfSeq = new ArrayList<>();
        for (int round = 0; round < perTask; round++) {
            for (String[] task : MesosAgentResource.TASKS) {
                Fixture.write(run, seq, 1, "FRAMEWORK_ID", MesosAgentResource.FRAMEWORK, "EXECUTOR_ID", task[0],
                        "CONTAINER_ID", task[1]);
                appOfSeq.add(task[2] == null ? "?unknown" : task[2]);
                seq++;
            }
            Fixture.write(run, seq, 1);
            appOfSeq.add("?host");
            seq++;
        }
        Random random = new Random(20261121L);
        for (int caller = 0; caller < 24; caller++) {
            List<String> held = new ArrayList<>();
            for (String permission : PERMISSION_POOL) {
                if (random.nextInt(4) == 0) {
                    held.add(permission);
                }
            }
            Set<Integer> expected = new TreeSet<>();
            for (int i = 0; i < appOfSeq.size(); i++) {
                if (permitted(held, appOfSeq.get(i))) {
                    expected.add(i);
                }
            }
            boolean mayAsk = held.contains(Permissions.SYSTEM_LOGS) || held.contains(Permissions.SUPERUSER)
                    || held.stream().anyMatch(p -> p.startsWith(Permissions.APP_SANDBOX_PREFIX));
            Response response = given().header("Authorization", "token=" + TestTokens.token("caller" + caller, held.toArray(String[]::new)))
                    .header("Accept", "application/json").when().get("/v1/range/?filter=TEST_RUN:" + run);
            String who = "caller holding " + held;
            if (!mayAsk) {
                assertEquals(403, response.statusCode(), who);
                continue;
            }
            Set<Integer> returned = new TreeSet<>();
            if (response.statusCode() == 200) {
                for (String line : response.asString().split("\n")) {
                    JsonNode entry = JSON.readTree(line);
                    returned.add(entry.get("fields").get("SEQ").asInt());
                }
            } else {
                assertEquals(204, response.statusCode(), who);
            }
            assertEquals(expected, returned, who);
        }
    }

    /** The oracle, from the recorded agent state: system-logs/superuser see all; apps by (hierarchical) app permission. */
    private static boolean permitted(List<String> held, String app) {
        if (held.contains(Permissions.SYSTEM_LOGS) || held.contains(Permissions.SUPERUSER)) {
            return true;
        }
        if (app.startsWith("?")) {
            return false;
        }
        for (String permission : held) {
            if (!permission.startsWith(Permissions.APP_SANDBOX_PREFIX)) {
                continue;
            }
            String group = permission.substring(Permissions.APP_SANDBOX_PREFIX.length());
            if (group.equals("/") || app.equals(group) || app.startsWith(group + "/")) {
                return true;
            }
        }
        return false;
    }
}
