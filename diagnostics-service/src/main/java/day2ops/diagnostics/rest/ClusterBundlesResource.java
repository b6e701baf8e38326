package day2ops.diagnostics.rest;

import day2ops.common.auth.Permissions;
import day2ops.diagnostics.bundle.BundleState;
import day2ops.diagnostics.bundle.ClusterBundleRequest;
import day2ops.diagnostics.bundle.ClusterBundleService;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Cluster diagnostics bundles (dcos-diagnostics bundles v2, cluster level), built on a master from every
 * selected node's part; plus cancel, which dcos-diagnostics lacks.
 */
@Path("/system/health/v1/diagnostics")
@RolesAllowed(Permissions.SYSTEM_HEALTH)
@Produces(MediaType.APPLICATION_JSON)
public class ClusterBundlesResource extends BundlesResource {

    private final ClusterBundleService bundles;

    public ClusterBundlesResource(ClusterBundleService bundles) {
        super(bundles);
        this.bundles = bundles;
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.WILDCARD)
    @Blocking
    public BundleState create(@PathParam("id") String id, String body) {
        return bundles.create(id, ClusterBundleRequest.parse(body));
    }

    @POST
    @Path("{id}/cancel")
    @Blocking
    public BundleState cancel(@PathParam("id") String id) {
        return bundles.cancel(id);
    }
}
