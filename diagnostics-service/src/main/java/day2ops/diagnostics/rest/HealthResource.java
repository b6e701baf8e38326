package day2ops.diagnostics.rest;

import day2ops.common.auth.Permissions;
import day2ops.diagnostics.NodeHealth;
import day2ops.diagnostics.systemd.SystemdUnavailableException;
import day2ops.diagnostics.unit.NodeHealthService;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /system/health/v1}: this node's unit health (the DC/OS path is kept on the service). */
@Path("/system/health/v1")
@RolesAllowed(Permissions.SYSTEM_HEALTH)
public class HealthResource {

    private final NodeHealthService health;

    public HealthResource(NodeHealthService health) {
        this.health = health;
    }

    @GET
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    public NodeHealth nodeHealth() {
        try {
            return health.health();
        } catch (SystemdUnavailableException e) {
            throw new ServiceUnavailableException(e.getMessage());
        }
    }
}
