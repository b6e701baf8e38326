package day2ops.diagnostics.rest;

import day2ops.common.auth.Permissions;
import day2ops.diagnostics.bundle.BundleOperations;
import day2ops.diagnostics.bundle.BundleState;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The verbs node and cluster bundles share (dcos-diagnostics bundles v2): list, state, file, delete. A subclass
 * adds its {@code @Path} and how a bundle is created. Registered for reflection like its subclasses: the access
 * audit looks up the {@code @RolesAllowed} of an inherited method along the class hierarchy.
 */
@RegisterForReflection
@RolesAllowed(Permissions.SYSTEM_HEALTH)
@Produces(MediaType.APPLICATION_JSON)
abstract class BundlesResource {

    private final BundleOperations bundles;

    BundlesResource(BundleOperations bundles) {
        this.bundles = bundles;
    }

    @GET
    @Blocking
    public List<BundleState> list() {
        return bundles.list();
    }

    @GET
    @Path("{id}")
    @Blocking
    public BundleState state(@PathParam("id") String id) {
        return bundles.get(id);
    }

    @GET
    @Path("{id}/file")
    @Produces({"application/zip", MediaType.APPLICATION_JSON})
    @Blocking
    public Response file(@PathParam("id") String id) {
        return BundleFiles.zip(id, bundles.file(id));
    }

    @DELETE
    @Path("{id}")
    @Blocking
    public BundleState delete(@PathParam("id") String id) {
        return bundles.delete(id);
    }
}
