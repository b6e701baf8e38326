package day2ops.metrics.rest;

import day2ops.common.auth.AccessDeniedException;
import day2ops.common.auth.Permissions;
import day2ops.metrics.config.MetricsConfig;
import day2ops.metrics.container.ContainerMetadata;
import day2ops.metrics.container.ContainerSample;
import day2ops.metrics.service.AppMetricsService;
import day2ops.metrics.service.ContainerMetricsService;
import day2ops.metrics.service.NodeIdentity;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;

/**
 * {@code /v0/containers…}: container and application metrics of this agent. Route permission
 * {@code system-metrics}, plus the application permission of each container (see
 * {@link ContainerAccess}); the list shows only containers the caller may read. On a master
 * every route here is 404.
 */
@Path("/v0/containers")
@RolesAllowed(Permissions.SYSTEM_METRICS)
@Produces(V0Format.JSON_UTF8)
public class ContainersResource {

    private final ContainerMetricsService containers;
    private final AppMetricsService apps;
    private final NodeIdentity node;
    private final SecurityIdentity caller;
    private final MetricsConfig config;

    public ContainersResource(ContainerMetricsService containers, AppMetricsService apps, NodeIdentity node,
            SecurityIdentity caller, MetricsConfig config) {
        this.containers = containers;
        this.apps = apps;
        this.node = node;
        this.caller = caller;
        this.config = config;
    }

    @GET
    public List<String> list() {
        requireAgent();
        return containers.latest().containers().values().stream()
                .filter(sample -> ContainerAccess.mayRead(caller, sample.metadata()))
                .map(ContainerSample::containerId)
                .toList();
    }

    @GET
    @Path("/{id}")
    public Response container(@PathParam("id") String id) {
        requireAgent();
        Optional<ContainerSample> sample = containers.container(id);
        if (sample.isEmpty()) {
            return Response.noContent().build();
        }
        authorize(sample.get().metadata());
        return Response.ok(new MetricsMessage(
                V0Format.datapoints(sample.get().metrics(), sample.get().timestamp()),
                ContainerDimensions.of(sample.get().metadata(), node)))
                .type(V0Format.JSON_UTF8).build();
    }

    @GET
    @Path("/{id}/app")
    public Response app(@PathParam("id") String id) {
        return appMessage(id, Optional.empty());
    }

    @GET
    @Path("/{id}/app/{metric}")
    public Response appMetric(@PathParam("id") String id, @PathParam("metric") String metric) {
        return appMessage(id, Optional.of(metric));
    }

    private Response appMessage(String id, Optional<String> metric) {
        requireAgent();
        ContainerMetadata metadata = containers.container(id).map(ContainerSample::metadata)
                .orElse(ContainerMetadata.idOnly(id));
        List<Datapoint> datapoints = apps.datapoints(id);
        if (datapoints.isEmpty()) {
            return Response.noContent().build();
        }
        authorize(metadata);
        if (metric.isPresent()) {
            datapoints = datapoints.stream().filter(d -> d.name().equals(metric.get())).toList();
            if (datapoints.isEmpty()) {
                return Response.noContent().build();
            }
        }
        return Response.ok(new MetricsMessage(datapoints, ContainerDimensions.of(metadata, node)))
                .type(V0Format.JSON_UTF8).build();
    }

    private void requireAgent() {
        if (config.role() == MetricsConfig.Role.MASTER) {
            throw new NotFoundException("container metrics are served by agents; this node is a master");
        }
    }

    private void authorize(ContainerMetadata metadata) {
        if (!ContainerAccess.mayRead(caller, metadata)) {
            String permission = ContainerAccess.requiredPermission(metadata);
            throw new AccessDeniedException(permission, "permission " + permission
                    + " required for container " + metadata.containerId());
        }
    }
}
