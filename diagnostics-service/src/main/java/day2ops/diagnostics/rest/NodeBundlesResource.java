package day2ops.diagnostics.rest;

import day2ops.common.auth.Permissions;
import day2ops.diagnostics.bundle.BundleState;
import day2ops.diagnostics.bundle.LocalBundleService;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * This node's diagnostics bundles (dcos-diagnostics bundles v2, node level): list, create, state, file, delete.
 */
@Path("/system/health/v1/node/diagnostics")
@RolesAllowed(Permissions.SYSTEM_HEALTH)
@Produces(MediaType.APPLICATION_JSON)
public class NodeBundlesResource extends BundlesResource {

    private final LocalBundleService bundles;

    public NodeBundlesResource(LocalBundleService bundles) {
        super(bundles);
        this.bundles = bundles;
    }

    @PUT
    @Path("{id}")
    @Blocking
    public BundleState create(@PathParam("id") String id) {
        return bundles.create(id);
    }
}
