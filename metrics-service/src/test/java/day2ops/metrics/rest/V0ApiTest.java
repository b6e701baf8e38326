package day2ops.metrics.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.equalToIgnoringCase;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import day2ops.common.auth.Permissions;
import day2ops.metrics.service.ContainerMetricsService;
import day2ops.metrics.service.NodeMetricsService;
import day2ops.metrics.testing.RecordedMesosAgent;
import io.quarkus.test.common.WithTestResource;
import day2ops.common.testing.TestKeyResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import static day2ops.metrics.testing.Requests.as;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(TestKeyResource.class)
@WithTestResource(RecordedMesosAgent.class)
class V0ApiTest {

    static final String RFC3339_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";
    static final String WEB = "f84ce3a5-8a5e-4a3b-9a4f-0c1d2e3f4a5b";
    static final String DB = "0a1b2c3d-0000-4000-8000-00000000db01";
    /** A nested container under DB's executor container, known only to v1 GET_CONTAINERS. */
    static final String DB_NESTED = "5c6d7e8f-1111-4222-8333-00000000db02";

    @Inject
    NodeMetricsService node;

    @Inject
    ContainerMetricsService containers;

    @BeforeEach
    void collect() {
        node.collectNow();
        containers.collectNow();
    }

    static RequestSpecification operator() {
        return as(Permissions.SYSTEM_METRICS);
    }

    @Test
    void pingAnswersOkWithUtcTimestamp() {
        operator().get("/v0/ping").then().statusCode(200)
                .header("Content-Type", equalToIgnoringCase("application/json; charset=UTF-8"))
                .body("ok", equalTo(true))
                .body("timestamp", matchesPattern(RFC3339_UTC));
    }

    @Test
    void nodeHasEverySpecDatapointWithItsUnit() {
        operator().get("/v0/node").then().statusCode(200)
                .header("Content-Type", equalToIgnoringCase("application/json; charset=UTF-8"))
                .body("datapoints.name", hasItems("system.uptime", "process.count", "load.1min", "load.5min",
                        "load.15min", "cpu.cores", "cpu.total", "cpu.user", "cpu.system", "cpu.idle", "cpu.wait",
                        "memory.total", "memory.free", "memory.buffers", "memory.cached", "swap.total", "swap.free",
                        "swap.used", "filesystem.capacity.total", "filesystem.capacity.used",
                        "filesystem.capacity.free", "filesystem.inode.total", "filesystem.inode.used",
                        "filesystem.inode.free", "network.in", "network.out", "network.in.packets",
                        "network.out.packets", "network.in.dropped", "network.out.dropped", "network.in.errors",
                        "network.out.errors"))
                .body("datapoints.find { it.name == 'memory.total' }.unit", equalTo("bytes"))
                .body("datapoints.find { it.name == 'cpu.total' }.unit", equalTo("percent"))
                .body("datapoints.find { it.name == 'process.count' }.unit", equalTo("count"))
                .body("datapoints.find { it.name == 'filesystem.capacity.total' && it.tags.path == '/' }.unit",
                        equalTo("bytes"))
                .body("datapoints.find { it.name == 'network.in' && it.tags.interface == 'lo' }", notNullValue())
                .body("datapoints.timestamp", everyItem(matchesPattern(RFC3339_UTC)))
                .body("datapoints.find { it.name == 'load.1min' }.tags", nullValue())
                .body("dimensions.mesos_id", equalTo(""))
                .body("dimensions.hostname", not(emptyOrNullString()))
                .body("dimensions.container_id", nullValue());
    }

    @Test
    void nodeNeedsTheMetricsPermission() {
        given().get("/v0/node").then().statusCode(401).header("WWW-Authenticate", "acsjwt")
                .contentType("application/problem+json");
        as("dcos:adminrouter:ops:system-logs").get("/v0/node").then().statusCode(403)
                .contentType("application/problem+json");
        as(Permissions.SUPERUSER).get("/v0/node").then().statusCode(200);
    }

    @Test
    void containerListShowsOnlyContainersOfPermittedApps() {
        operator().get("/v0/containers").then().statusCode(200).body("$", empty());
        as(Permissions.SYSTEM_METRICS, Permissions.appSandbox("/team")).get("/v0/containers").then().statusCode(200)
                .body("$", containsInAnyOrder(WEB));
        as(Permissions.SUPERUSER).get("/v0/containers").then().statusCode(200)
                .body("$", containsInAnyOrder(WEB, DB, DB_NESTED));
    }

    @Test
    void nestedContainerFromV1TakesItsExecutorsFrameworkAndApplication() {
        as(Permissions.SYSTEM_METRICS, Permissions.appSandbox("/other/db")).get("/v0/containers/" + DB_NESTED).then()
                .statusCode(200)
                .body("datapoints.find { it.name == 'cpus.user.time' }.value", equalTo(0.4f))
                .body("datapoints.find { it.name == 'threads' }.value", equalTo(3))
                .body("dimensions.container_id", equalTo(DB_NESTED))
                .body("dimensions.executor_id", equalTo("other_db.7f4d6680-badb-11ee-8c90-0242ac120002"))
                .body("dimensions.framework_name", equalTo("marathon"))
                .body("dimensions.task_name", nullValue());
        as(Permissions.SYSTEM_METRICS, Permissions.appSandbox("/team")).get("/v0/containers/" + DB_NESTED).then()
                .statusCode(403);
    }

    @Test
    void containerMergesCgroupMetricsWithMesosMetadata() {
        as(Permissions.SYSTEM_METRICS, Permissions.appSandbox("/team/web")).get("/v0/containers/" + WEB).then()
                .statusCode(200)
                .header("Content-Type", equalToIgnoringCase("application/json; charset=UTF-8"))
                .body("datapoints.find { it.name == 'cpus.user.time' }.value", equalTo(2.5f))
                .body("datapoints.find { it.name == 'cpus.user.time' }.unit", equalTo("seconds"))
                .body("datapoints.find { it.name == 'cpus.limit' }.value", equalTo(1.1f))
                .body("datapoints.find { it.name == 'mem.limit' }.value", equalTo(167772160))
                .body("datapoints.find { it.name == 'threads' }.value", equalTo(5))
                // net.* from the cgroups source (first in priority): the container's own namespace, lo excluded
                .body("datapoints.find { it.name == 'net.rx.bytes' }.value", equalTo(55000))
                .body("datapoints.find { it.name == 'net.tx.packets' }.value", equalTo(510))
                .body("datapoints.find { it.name == 'net.rx.dropped' }.value", equalTo(1))
                .body("datapoints.find { it.name == 'net.tx.errors' }.value", equalTo(0))
                .body("datapoints.find { it.name == 'disk.used' }.unit", equalTo("bytes"))
                .body("datapoints.name", not(hasItem("mem.soft.limit")))
                .body("dimensions.container_id", equalTo(WEB))
                .body("dimensions.executor_id", equalTo("team_web.6e3c5579-badb-11ee-8c90-0242ac120002"))
                .body("dimensions.framework_name", equalTo("marathon"))
                .body("dimensions.framework_role", equalTo("slave_public"))
                .body("dimensions.framework_principal", equalTo("dcos_marathon"))
                .body("dimensions.task_name", equalTo("web"))
                .body("dimensions.task_id", equalTo("team_web.6e3c5579-badb-11ee-8c90-0242ac120002"))
                .body("dimensions.labels.team", equalTo("core"))
                .body("dimensions.hostname", not(emptyOrNullString()));
    }

    @Test
    void containerOfAnotherAppIsForbidden() {
        as(Permissions.SYSTEM_METRICS, Permissions.appSandbox("/team")).get("/v0/containers/" + DB).then()
                .statusCode(403).contentType("application/problem+json")
                .body("detail", containsString(Permissions.appSandbox("/other/db")));
    }

    @Test
    void unknownContainerIsNoContent() {
        as(Permissions.SUPERUSER).get("/v0/containers/no-such-container").then().statusCode(204);
        as(Permissions.SUPERUSER).get("/v0/containers/no-such-container/app").then().statusCode(204);
    }
}
