package day2ops.metrics.rest;

import day2ops.common.auth.Permissions;
import day2ops.metrics.prometheus.Exposition;
import day2ops.metrics.prometheus.ExpositionService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/**
 * {@code GET /metrics}: the Prometheus exposition of node, container and app series; container
 * and app series only for the containers the caller may read.
 */
@Path("/metrics")
@RolesAllowed(Permissions.SYSTEM_METRICS)
public class PrometheusResource {

    private final ExpositionService exposition;
    private final SecurityIdentity caller;

    public PrometheusResource(ExpositionService exposition, SecurityIdentity caller) {
        this.exposition = exposition;
        this.caller = caller;
    }

    @GET
    @Produces(Exposition.CONTENT_TYPE)
    public String metrics() {
        return exposition.render(metadata -> ContainerAccess.mayRead(caller, metadata));
    }
}
