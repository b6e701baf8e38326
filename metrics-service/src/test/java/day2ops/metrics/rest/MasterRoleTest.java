package day2ops.metrics.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import day2ops.common.auth.Permissions;
import day2ops.common.testing.TestKeyResource;
import day2ops.common.testing.TestTokens;
import day2ops.metrics.service.ContainerMetricsService;
import day2ops.metrics.service.NodeMetricsService;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code metrics.role=master}: node metrics as on an agent, every container route 404, no container series. */
@QuarkusTest
@TestProfile(MasterRoleTest.Master.class)
@WithTestResource(TestKeyResource.class)
class MasterRoleTest {

    /** A master that would read the container fixtures if it read containers at all. */
    public static class Master implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                return Map.of(
                        "metrics.role", "master",
                        "metrics.containers.sources", "cgroups",
                        "metrics.containers.cgroup-root",
                        java.nio.file.Path.of("src/test/resources/fixtures/cgroup-v1").toAbsolutePath().toString(),
                        "metrics.containers.cgroup-version", "v1",
                        "metrics.statsd.state-file",
                        Files.createTempDirectory("day2ops-master-test").resolve("statsd.json").toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static final String WEB = "f84ce3a5-8a5e-4a3b-9a4f-0c1d2e3f4a5b";

    @Inject
    NodeMetricsService node;

    @Inject
    ContainerMetricsService containers;

    /**
     * Tokens shaped as DC/OS issues them, signed without the SmallRye JWT builder: under a test
     * profile the builder would look for its configuration in the application's class loader.
     */
    private static io.restassured.specification.RequestSpecification as(String... groups) {
        return given().header("Authorization", "token=" + TestTokens.dcosStyle("alice", groups));
    }

    @BeforeEach
    void collect() {
        node.collectNow();
        containers.collectNow();
    }

    @Test
    void containerRoutesAnswer404ProblemOnAMaster() {
        for (String path : new String[] {"/v0/containers", "/v0/containers/" + WEB, "/v0/containers/" + WEB + "/app",
                "/v0/containers/" + WEB + "/app/orders_total"}) {
            as(Permissions.SUPERUSER).get(path).then().statusCode(404).contentType("application/problem+json")
                    .body("detail", containsString("this node is a master"));
        }
    }

    @Test
    void nodeMetricsAreServedOnAMaster() {
        as(Permissions.SYSTEM_METRICS).get("/v0/node").then().statusCode(200)
                .body("datapoints.name", org.hamcrest.Matchers.hasItem("cpu.cores"));
    }

    @Test
    void expositionHasNoContainerSeriesOrContainerCollectorsOnAMaster() {
        as(Permissions.SUPERUSER).get("/metrics").then().statusCode(200)
                .body(containsString("day2ops_node_"))
                .body(not(containsString("day2ops_container_")))
                .body(not(containsString("collector=\"containers_")));
    }

    @Test
    void containerRoutesStillNeedAuthenticationOnAMaster() {
        given().get("/v0/containers").then().statusCode(401);
    }
}
