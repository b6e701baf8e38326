package day2ops.metrics.rest;

import day2ops.common.auth.Permissions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /v0/ping}: liveness as DC/OS clients check it. */
@Path("/v0/ping")
@RolesAllowed(Permissions.SYSTEM_METRICS)
public class PingResource {

    private final Clock clock = Clock.systemUTC();

    @GET
    @Produces(V0Format.JSON_UTF8)
    public Map<String, Object> ping() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", true);
        body.put("timestamp", V0Format.timestamp(clock.instant()));
        return body;
    }
}
