package day2ops.diagnostics.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import day2ops.diagnostics.checks.CheckDefinition;
import day2ops.diagnostics.checks.ChecksReport;
import day2ops.diagnostics.checks.ChecksService;
import day2ops.diagnostics.checks.ChecksService.Kind;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * dcos-check-runner's API: {@code GET /system/checks/v1/{node|cluster}/} lists checks,
 * {@code POST} runs them (optional body {@code {"check":[…]}}); {@code POST …/node/{prestart|poststart}}
 * runs a phase's list.
 *
 * <p>Open on the service, as dcos-check-runner's API is: Adminrouter authenticates every caller of
 * {@code /system/checks/v1} and, by the Adminrouter contract, does not forward the Authorization header, so no
 * token could arrive here. The service listens on loopback; masters reach other nodes' checks over the node plane
 * ({@code RunChecks}), which does require the service account's token.
 */
@Path("/system/checks/v1")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class ChecksResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A check as listed: what it runs and for how long at most. */
    public record CheckListing(String description, List<String> cmd, String timeout, List<String> roles) {
    }

    private final ChecksService checks;

    public ChecksResource(ChecksService checks) {
        this.checks = checks;
    }

    @GET
    @Path("{kind: node|cluster}")
    @Blocking
    public Map<String, CheckListing> list(@PathParam("kind") String kind, @QueryParam("check") List<String> names) {
        Map<String, CheckListing> listing = new LinkedHashMap<>();
        for (CheckDefinition check : checks.select(kind(kind), names).values()) {
            listing.put(check.name(), new CheckListing(check.description(), check.cmd(), check.timeoutText(), check.roles()));
        }
        return listing;
    }

    @POST
    @Path("{kind: node|cluster}")
    @Consumes(MediaType.WILDCARD)
    @Blocking
    public ChecksReport run(@PathParam("kind") String kind, String body) {
        return checks.run(kind(kind), requestedChecks(body));
    }

    @POST
    @Path("node/{phase: prestart|poststart}")
    @Blocking
    public ChecksReport runPhase(@PathParam("phase") String phase) {
        return checks.runPhase("prestart".equals(phase));
    }

    private static Kind kind(String kind) {
        return "node".equals(kind) ? Kind.NODE : Kind.CLUSTER;
    }

    /** The {@code check} list of the body; none (all checks) for an empty body or a body without it. */
    static List<String> requestedChecks(String body) {
        if (body == null || body.isBlank()) {
            return List.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new BadRequestException("request body is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new BadRequestException("request body must be a JSON object like {\"check\":[\"name\"]}");
        }
        JsonNode check = root.path("check");
        if (check.isMissingNode() || check.isNull()) {
            return List.of();
        }
        if (!check.isArray()) {
            throw new BadRequestException("\"check\" must be an array of check names");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode name : check) {
            if (!name.isTextual()) {
                throw new BadRequestException("\"check\" must be an array of check names");
            }
            names.add(name.asText());
        }
        return names;
    }
}
