package day2ops.universe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The packages this repository ships: every rule passes, and the rendered apps run the services as intended. */
class RealPackagesTest {

    /** Each service's default port (quarkus.http.port in its application.properties). */
    private static final Map<String, Integer> DEFAULT_PORTS =
            Map.of("day2ops-logs", 8101, "day2ops-metrics", 8102, "day2ops-diagnostics", 8103, "day2ops-debug", 8104);

    private static RepositoryValidator.Report report;

    static Path packagesDir() {
        return Path.of(System.getProperty("universe.packages", "repo/packages"));
    }

    static Path optionsDir() {
        return Path.of(System.getProperty("universe.options", "examples/options"));
    }

    @BeforeAll
    static void validateRepository() {
        report = RepositoryValidator.validate(packagesDir(), optionsDir());
    }

    private static ValidatedPackage pkg(String name) {
        return report.packages().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " did not pass validation: " + report.violations()));
    }

    private static JsonNode app(String name, String variant) {
        return pkg(name).renderedApps().get(variant);
    }

    @Test
    void everyPackagePassesEveryRule() {
        assertEquals(List.of(), report.violations(), () -> report.violations().stream()
                .map(Violation::toString).collect(Collectors.joining("\n")));
        assertEquals(DEFAULT_PORTS.keySet(), report.packages().stream().map(ValidatedPackage::name).collect(Collectors.toSet()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"day2ops-logs", "day2ops-metrics", "day2ops-diagnostics", "day2ops-debug"})
    void rendersOneReadyCheckedInstancePerAgentWithDefaults(String name) {
        ValidatedPackage pkg = pkg(name);
        assertEquals("4.0", pkg.packageJson().get("packagingVersion").asText());
        JsonNode app = app(name, "defaults");

        assertEquals(name, app.get("id").asText());
        assertEquals(1, app.get("instances").asInt());
        assertEquals("[[\"hostname\",\"UNIQUE\"]]", app.get("constraints").toString());
        int port = DEFAULT_PORTS.get(name);
        assertEquals(port, app.get("portDefinitions").get(0).get("port").asInt());
        assertTrue(app.get("requirePorts").asBoolean());
        JsonNode check = app.get("healthChecks").get(0);
        assertEquals("MESOS_HTTP", check.get("protocol").asText());
        assertEquals("/q/health/ready", check.get("path").asText());
        assertEquals(0, check.get("portIndex").asInt());
        assertEquals(0, app.get("upgradeStrategy").get("maximumOverCapacity").asInt());

        JsonNode env = app.get("env");
        assertEquals(Integer.toString(port), env.get("QUARKUS_HTTP_PORT").asText());
        assertEquals("0.0.0.0", env.get("QUARKUS_HTTP_HOST").asText());
        assertEquals("INFO", env.get("QUARKUS_LOG_LEVEL").asText());
        assertEquals("http://leader.mesos/acs/api/v1/auth/jwks", env.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION").asText());
        assertFalse(env.has("MP_JWT_VERIFY_PUBLICKEY"));
        assertFalse(env.has("MP_JWT_VERIFY_ISSUER"), "no issuer check unless configured");

        JsonNode labels = app.get("labels");
        assertEquals(name, labels.get("DCOS_PACKAGE_FRAMEWORK_NAME").asText());
        assertEquals(name, labels.get("DCOS_SERVICE_NAME").asText());
        assertEquals("0", labels.get("DCOS_SERVICE_PORT_INDEX").asText());
        assertEquals(name.equals("day2ops-diagnostics") ? "[\"*\"]" : "[\"*\",\"slave_public\"]",
                app.get("acceptedResourceRoles").toString(), "diagnostics reports one node role, so one kind of agent per app");

        String image = pkg.resource().get("assets").get("container").get("docker").elements().next().asText();
        assertEquals(image, app.get("container").get("docker").get("image").asText(), "the released image from resource.json");
        assertEquals("MESOS", app.get("container").get("type").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"day2ops-logs", "day2ops-metrics", "day2ops-diagnostics", "day2ops-debug"})
    void exampleOptionsChangeTheRenderedApp(String name) {
        assertNotEquals(app(name, "defaults"), app(name, "options"));
    }

    @Test
    void logsOptionsMoveTheServiceAndTakeTheKeyFromASecret() {
        JsonNode app = app("day2ops-logs", "options");
        assertEquals("ops/day2ops-logs", app.get("id").asText());
        assertEquals("ops/day2ops-logs", app.get("labels").get("DCOS_SERVICE_NAME").asText());
        assertEquals(12, app.get("instances").asInt());
        assertEquals(0.5, app.get("cpus").asDouble());
        assertFalse(app.has("acceptedResourceRoles"), "public agents excluded");
        assertEquals("registry.internal.example:5000/day2ops/logs-service:0.1.0", app.get("container").get("docker").get("image").asText());
        assertTrue(app.get("container").get("docker").get("forcePullImage").asBoolean());

        JsonNode env = app.get("env");
        assertEquals("8111", env.get("QUARKUS_HTTP_PORT").asText());
        assertEquals("127.0.0.1", env.get("QUARKUS_HTTP_HOST").asText());
        assertEquals("{\"secret\":\"jwtPublicKey\"}", env.get("MP_JWT_VERIFY_PUBLICKEY").toString());
        assertEquals("", env.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION").asText(), "an empty value unsets the built-in key file");
        assertEquals("day2ops/jwt-public-key", app.get("secrets").get("jwtPublicKey").get("source").asText());
        assertEquals("https://dcos.example.com", env.get("MP_JWT_VERIFY_ISSUER").asText());
        assertEquals("https://${HOST}:5051", env.get("LOGS_MESOS_AGENT_URL").asText(), "expanded by the service, from Marathon's HOST");
        assertEquals("https://leader.mesos:5050", env.get("LOGS_MESOS_MASTER_URL").asText());
        assertEquals("/var/lib/mesos/agent", env.get("LOGS_MESOS_WORK_DIR").asText());
        JsonNode workDir = app.get("container").get("volumes").findParents("hostPath").stream()
                .filter(v -> v.get("hostPath").asText().equals("/var/lib/mesos/agent")).findFirst().orElseThrow();
        assertEquals("/var/lib/mesos/agent", workDir.get("containerPath").asText(), "sandbox paths from the agent are valid inside");
        assertEquals("RO", workDir.get("mode").asText());
    }

    @Test
    void metricsOptionsPassAnInlinePemKeyIntact() {
        JsonNode env = app("day2ops-metrics", "options").get("env");
        String key = env.get("MP_JWT_VERIFY_PUBLICKEY").asText();
        assertTrue(key.startsWith("-----BEGIN PUBLIC KEY-----\nMIIB"), key);
        assertTrue(key.endsWith("\n-----END PUBLIC KEY-----\n"), key);
        assertEquals("", env.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION").asText());
        assertEquals("/host/proc", env.get("METRICS_PROCFS").asText());
        assertEquals("/host/sys/fs/cgroup", env.get("METRICS_CONTAINERS_CGROUP_ROOT").asText());
        assertEquals("61925", env.get("METRICS_STATSD_PORT").asText());
        assertEquals("-1", env.get("METRICS_PROMETHEUS_PORT").asText(), "the dedicated exposition port turned off");
    }

    @Test
    void diagnosticsKeepsBundlesInTheConfiguredHostDirectory() {
        JsonNode defaults = app("day2ops-diagnostics", "defaults");
        JsonNode options = app("day2ops-diagnostics", "options");
        assertEquals("/var/lib/day2ops/diagnostics/bundles", defaults.get("env").get("DIAGNOSTICS_BUNDLE_DIR").asText());
        assertEquals("/srv/day2ops/bundles", options.get("env").get("DIAGNOSTICS_BUNDLE_DIR").asText());
        JsonNode bundles = options.get("container").get("volumes").findParents("hostPath").stream()
                .filter(v -> v.get("hostPath").asText().equals("/srv/day2ops/bundles")).findFirst().orElseThrow();
        assertEquals("RW", bundles.get("mode").asText());
        assertEquals("/srv/day2ops/bundles", bundles.get("containerPath").asText());
        assertEquals(768, options.get("mem").asInt());
        assertEquals("day2ops-test", options.get("env").get("MP_JWT_VERIFY_ISSUER").asText());
        assertEquals("agent", defaults.get("env").get("DIAGNOSTICS_NODE_ROLE").asText());
        assertEquals("agent_public", options.get("env").get("DIAGNOSTICS_NODE_ROLE").asText());
        assertEquals("[\"slave_public\"]", options.get("acceptedResourceRoles").toString(), "public agents only, as the role says");
    }

    @Test
    void debugFindsTaskProcessesThroughTheHostProc() {
        JsonNode app = app("day2ops-debug", "defaults");
        assertEquals("/host/proc", app.get("env").get("DEBUG_PROCFS").asText());
        JsonNode proc = app.get("container").get("volumes").get(0);
        assertEquals("/proc", proc.get("hostPath").asText());
        assertEquals("/host/proc", proc.get("containerPath").asText());
    }

    @Test
    void writesOnlyToItsOwnStateDirectoriesOnTheHost() {
        for (ValidatedPackage pkg : report.packages()) {
            for (JsonNode volume : pkg.renderedApps().get("defaults").path("container").path("volumes")) {
                boolean ownState = volume.get("hostPath").asText().startsWith("/var/lib/day2ops/");
                assertEquals(ownState ? "RW" : "RO", volume.get("mode").asText(), pkg.name() + " " + volume);
            }
        }
    }
}
