package day2ops.debug.deploy;

import day2ops.common.auth.AccessDeniedException;
import day2ops.common.auth.Permissions;
import day2ops.common.marathon.MarathonClient;
import day2ops.common.marathon.MarathonQueue;
import day2ops.debug.config.DebugConfig;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Optional;

/** {@code GET /v1/deployments/{appId}/offers}: why an app or pod is not starting. */
@Path("/v1/deployments")
public class DeploymentResource {

    private final Optional<MarathonClient> marathon;
    private final SecurityIdentity identity;

    public DeploymentResource(DebugConfig config, SecurityIdentity identity) {
        this.marathon = config.marathon().url()
                .map(url -> new MarathonClient(url, config.marathon().timeout(), Optional.empty()));
        this.identity = identity;
    }

    @GET
    @Path("{appId: .+}/offers")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Permissions.DEBUG)
    public OfferReport offers(@PathParam("appId") String appId) {
        String id;
        try {
            id = Permissions.normalizeAppId(appId);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        String required = Permissions.appSandbox(id);
        if (!Permissions.grants(identity.getRoles(), required)) {
            throw new AccessDeniedException(required, "debugging the deployment of " + id + " requires the permission " + required);
        }
        MarathonClient client = marathon.orElseThrow(() -> new ServiceUnavailableException(
                "Marathon is not configured on this node (debug.marathon.url)"));
        MarathonQueue queue;
        try {
            queue = client.queue();
        } catch (IOException e) {
            throw new WebApplicationException(e.getMessage(), Response.Status.BAD_GATEWAY);
        }
        return queue.entry(id).map(OfferAnalysis::analyze)
                .orElseThrow(() -> new NotFoundException(id + " is not waiting for offers (not in Marathon's launch queue)"));
    }
}
