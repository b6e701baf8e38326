package day2ops.metrics.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import day2ops.common.auth.Permissions;
import day2ops.metrics.statsd.ContainerRegistration;
import day2ops.metrics.statsd.StatsdContainerRegistry;
import day2ops.metrics.statsd.StatsdService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * {@code /v0/statsd/containers}: per-container StatsD listeners. Reading needs
 * {@code system-metrics}; registering and removing is the agent's job and needs
 * {@code dcos:adminrouter:system:agent} (or superuser).
 */
@Path("/v0/statsd/containers")
@Produces(V0Format.JSON_UTF8)
public class StatsdContainersResource {

    /** Request body of a registration; {@code statsd_port} asks for a specific port. */
    public record RegistrationRequest(@JsonProperty("container_id") String containerId,
            @JsonProperty("statsd_port") Integer statsdPort) {
    }

    private final StatsdService statsd;

    public StatsdContainersResource(StatsdService statsd) {
        this.statsd = statsd;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Permissions.SYSTEM_AGENT)
    public Response register(RegistrationRequest request, @jakarta.ws.rs.core.Context UriInfo uri) throws IOException {
        if (request == null || request.containerId() == null || request.containerId().isBlank()) {
            throw new BadRequestException("body must be {\"container_id\": \"<id>\"}");
        }
        if (!StatsdContainerRegistry.isValidContainerId(request.containerId())) {
            throw new BadRequestException("container_id '" + request.containerId()
                    + "' is not a Mesos container id (letters, digits, '.', '_', '-')");
        }
        if (request.statsdPort() != null && (request.statsdPort() < 1 || request.statsdPort() > 65_535)) {
            throw new BadRequestException("statsd_port " + request.statsdPort() + " is not in 1-65535");
        }
        StatsdContainerRegistry.Result result = registry().register(request.containerId(),
                Optional.ofNullable(request.statsdPort()));
        URI location = uri.getBaseUriBuilder().path("v0/statsd/containers").path(request.containerId()).build();
        if (result instanceof StatsdContainerRegistry.Result.Created created) {
            return Response.status(Response.Status.CREATED).location(location).entity(created.registration()).build();
        }
        if (result instanceof StatsdContainerRegistry.Result.Exists) {
            return Response.seeOther(location).build();
        }
        if (result instanceof StatsdContainerRegistry.Result.PortTaken taken) {
            throw new ClientErrorException("statsd_port " + taken.port() + " is taken: " + taken.reason(),
                    Response.Status.CONFLICT);
        }
        StatsdContainerRegistry.Result.NoFreePort full = (StatsdContainerRegistry.Result.NoFreePort) result;
        throw new ServiceUnavailableException("no free StatsD port left in " + full.min() + "-" + full.max());
    }

    @GET
    @RolesAllowed(Permissions.SYSTEM_METRICS)
    public List<ContainerRegistration> list() {
        return registry().all();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Permissions.SYSTEM_METRICS)
    public ContainerRegistration get(@PathParam("id") String id) {
        return registry().get(id).orElseThrow(() -> new NotFoundException("container " + id + " has no StatsD listener"));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Permissions.SYSTEM_AGENT)
    public Response delete(@PathParam("id") String id) throws IOException {
        if (!registry().deregister(id)) {
            throw new NotFoundException("container " + id + " has no StatsD listener");
        }
        return Response.accepted().build();
    }

    private StatsdContainerRegistry registry() {
        if (!statsd.enabled()) {
            throw new ServiceUnavailableException("StatsD is disabled on this node (metrics.statsd.enabled=false)");
        }
        return statsd.registry();
    }
}
