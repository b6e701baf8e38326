package day2ops.universe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What every day2ops package must render, beyond what Marathon accepts: the service runs once per
 * agent, Marathon watches its readiness endpoint, DC/OS can name and route it, upgrades roll
 * agent by agent, and the JWT key reaches the service from exactly one source.
 */
public final class Day2opsConventions {

    static final String READY_PATH = "/q/health/ready";

    private Day2opsConventions() {
    }

    /** Checks {@code app}, rendered from {@code options} (defaults merged with the user's options). */
    public static List<String> check(JsonNode app, JsonNode options) {
        List<String> problems = new ArrayList<>();
        String serviceName = options.path("service").path("name").asText();
        String appId = app.path("id").asText();
        if (!stripLeadingSlash(appId).equals(stripLeadingSlash(serviceName))) {
            problems.add("$.id: is \"" + appId + "\" but service.name is \"" + serviceName + "\"; Cosmos and the CLI find the app by that name");
        }
        if (!hasHostnameUnique(app)) {
            problems.add("$.constraints: [\"hostname\", \"UNIQUE\"] is missing; a node service must run at most once per agent");
        }
        if (!hasReadyCheck(app)) {
            problems.add("$.healthChecks: no HTTP health check on " + READY_PATH + "; Marathon would not notice a service that is up but not ready");
        }
        for (String label : List.of("DCOS_PACKAGE_FRAMEWORK_NAME", "DCOS_SERVICE_NAME")) {
            String value = app.path("labels").path(label).asText(null);
            if (value == null) {
                problems.add("$.labels." + label + ": missing; DC/OS names and routes the service (/service/<name>/) by it");
            } else if (!value.equals(stripLeadingSlash(serviceName))) {
                problems.add("$.labels." + label + ": is \"" + value + "\" but service.name is \"" + serviceName + "\"");
            }
        }
        JsonNode overCapacity = app.path("upgradeStrategy").path("maximumOverCapacity");
        if (!overCapacity.isNumber() || overCapacity.doubleValue() != 0) {
            problems.add("$.upgradeStrategy.maximumOverCapacity: must be 0; with hostname:UNIQUE and a fixed port an extra"
                    + " instance has no agent to start on, so an upgrade would stall");
        }
        checkPortWiring(app, problems);
        checkKeySource(app, problems);
        return problems;
    }

    private static void checkPortWiring(JsonNode app, List<String> problems) {
        String listens = app.path("env").path("QUARKUS_HTTP_PORT").asText(null);
        JsonNode reserved = app.path("portDefinitions").path(0).path("port");
        if (listens == null) {
            problems.add("$.env.QUARKUS_HTTP_PORT: missing; the service would listen on its built-in port, not the reserved one");
        } else if (!reserved.isInt() || !listens.equals(reserved.asText())) {
            problems.add("$.env.QUARKUS_HTTP_PORT: is " + listens + " but the reserved port ($.portDefinitions[0].port) is "
                    + (reserved.isMissingNode() ? "missing" : reserved.asText()));
        }
    }

    private static void checkKeySource(JsonNode app, List<String> problems) {
        JsonNode env = app.path("env");
        boolean inline = env.has("MP_JWT_VERIFY_PUBLICKEY")
                && !(env.get("MP_JWT_VERIFY_PUBLICKEY").isTextual() && env.get("MP_JWT_VERIFY_PUBLICKEY").asText().isEmpty());
        boolean location = !env.path("MP_JWT_VERIFY_PUBLICKEY_LOCATION").asText("").isEmpty();
        if (inline && location) {
            problems.add("$.env: MP_JWT_VERIFY_PUBLICKEY and MP_JWT_VERIFY_PUBLICKEY_LOCATION are both set; the service refuses to start");
        }
        if (!inline && !location) {
            problems.add("$.env: neither MP_JWT_VERIFY_PUBLICKEY nor MP_JWT_VERIFY_PUBLICKEY_LOCATION is set; no token could be verified");
        }
    }

    private static boolean hasHostnameUnique(JsonNode app) {
        for (JsonNode constraint : app.path("constraints")) {
            if ("hostname".equals(constraint.path(0).asText()) && "UNIQUE".equals(constraint.path(1).asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasReadyCheck(JsonNode app) {
        for (JsonNode check : app.path("healthChecks")) {
            String protocol = check.path("protocol").asText("HTTP");
            if (protocol.contains("HTTP") && READY_PATH.equals(check.path("path").asText())) {
                return true;
            }
        }
        return false;
    }

    private static String stripLeadingSlash(String id) {
        return id.startsWith("/") ? id.substring(1) : id;
    }
}
