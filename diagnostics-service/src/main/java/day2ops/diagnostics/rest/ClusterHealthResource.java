package day2ops.diagnostics.rest;

import day2ops.common.auth.Permissions;
import day2ops.diagnostics.cluster.ClusterDirectory.ClusterDirectoryException;
import day2ops.diagnostics.cluster.ClusterHealth;
import day2ops.diagnostics.cluster.ClusterHealth.NodeState;
import day2ops.diagnostics.cluster.ClusterHealth.UnitOnNode;
import day2ops.diagnostics.cluster.ClusterHealth.UnitState;
import day2ops.diagnostics.cluster.ClusterHealthMonitor;
import day2ops.diagnostics.rest.ClusterHealthViews.NodeSummary;
import day2ops.diagnostics.rest.ClusterHealthViews.Nodes;
import day2ops.diagnostics.rest.ClusterHealthViews.Report;
import day2ops.diagnostics.rest.ClusterHealthViews.UnitOnNodeDetail;
import day2ops.diagnostics.rest.ClusterHealthViews.UnitSummary;
import day2ops.diagnostics.rest.ClusterHealthViews.Units;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;

/**
 * The cluster's health as a master pulls it from every node, in dcos-diagnostics' shapes: units over the cluster
 * ({@code /units…}), nodes ({@code /nodes…}) and the whole tree ({@code /report}). Every answer carries
 * {@code Last-Modified-3DT}, when the pull it shows finished; {@code ?cache=0} pulls first.
 */
@Path("/system/health/v1")
@RolesAllowed(Permissions.SYSTEM_HEALTH)
@Produces(MediaType.APPLICATION_JSON)
public class ClusterHealthResource {

    /** The header dcos-diagnostics sets, in Go's {@code time.ANSIC} layout ({@code Mon Jan  2 15:04:05 2006}), UTC. */
    static final String LAST_MODIFIED = "Last-Modified-3DT";
    static final DateTimeFormatter ANSIC = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US)
            .withZone(ZoneOffset.UTC);

    private final ClusterHealthMonitor monitor;

    public ClusterHealthResource(ClusterHealthMonitor monitor) {
        this.monitor = monitor;
    }

    @GET
    @Path("units")
    @Blocking
    public Response units(@QueryParam("cache") String cache) {
        return answer(cache, cluster -> new Units(cluster.units().stream().map(UnitSummary::of).toList()));
    }

    @GET
    @Path("units/{unit}")
    @Blocking
    public Response unit(@PathParam("unit") String unit, @QueryParam("cache") String cache) {
        return answer(cache, cluster -> UnitSummary.of(unit(cluster, unit)));
    }

    @GET
    @Path("units/{unit}/nodes")
    @Blocking
    public Response unitNodes(@PathParam("unit") String unit, @QueryParam("cache") String cache) {
        return answer(cache, cluster -> new Nodes(unit(cluster, unit).nodes().stream().map(NodeSummary::of).toList()));
    }

    @GET
    @Path("units/{unit}/nodes/{node}")
    @Blocking
    public Response unitNode(@PathParam("unit") String unit, @PathParam("node") String node, @QueryParam("cache") String cache) {
        return answer(cache, cluster -> {
            UnitState state = unit(cluster, unit);
            UnitOnNode entry = state.on(node).orElseThrow(() -> new NotFoundException(cluster.node(node).isPresent()
                    ? "node " + node + " does not report unit " + unit
                    : "node " + node + " is not in the cluster"));
            return UnitOnNodeDetail.of(entry);
        });
    }

    @GET
    @Path("nodes")
    @Blocking
    public Response nodes(@QueryParam("cache") String cache) {
        return answer(cache, cluster -> new Nodes(cluster.nodes().stream().map(NodeSummary::of).toList()));
    }

    @GET
    @Path("nodes/{node}")
    @Blocking
    public Response node(@PathParam("node") String node, @QueryParam("cache") String cache) {
        return answer(cache, cluster -> NodeSummary.of(node(cluster, node)));
    }

    @GET
    @Path("nodes/{node}/units")
    @Blocking
    public Response nodeUnits(@PathParam("node") String node, @QueryParam("cache") String cache) {
        return answer(cache, cluster -> new Units(node(cluster, node).units().stream().map(UnitSummary::of).toList()));
    }

    @GET
    @Path("nodes/{node}/units/{unit}")
    @Blocking
    public Response nodeUnit(@PathParam("node") String node, @PathParam("unit") String unit, @QueryParam("cache") String cache) {
        return answer(cache, cluster -> {
            NodeState state = node(cluster, node);
            return ClusterHealthViews.nodeUnit(state, state.unit(unit).orElseThrow(() -> new NotFoundException(
                    state.error() != null ? "node " + node + "'s units are unknown: " + state.error()
                            : "node " + node + " does not report unit " + unit)));
        });
    }

    @GET
    @Path("report")
    @Blocking
    public Response report(@QueryParam("cache") String cache) {
        return answer(cache, Report::of);
    }

    private Response answer(String cache, Function<ClusterHealth, Object> body) {
        boolean fresh = fresh(cache);
        ClusterHealth cluster;
        try {
            cluster = fresh ? monitor.fresh() : monitor.current();
        } catch (ClusterHealthMonitor.NotEnabledException e) {
            throw new NotFoundException(e.getMessage());
        } catch (ClusterDirectoryException e) {
            throw new ServiceUnavailableException(e.getMessage());
        }
        return Response.ok(body.apply(cluster)).header(LAST_MODIFIED, ANSIC.format(cluster.updated())).build();
    }

    /** {@code cache=0}/{@code false}: pull first; absent, {@code 1}/{@code true}: the latest pull. */
    static boolean fresh(String cache) {
        if (cache == null) {
            return false;
        }
        return switch (cache) {
            case "0", "false" -> true;
            case "1", "true" -> false;
            default -> throw new BadRequestException("query parameter cache must be 0 (pull now) or 1 (latest pull), not '"
                    + cache + "'");
        };
    }

    private static UnitState unit(ClusterHealth cluster, String unit) {
        return cluster.unit(unit).orElseThrow(() -> new NotFoundException("unit " + unit + " is not reported by any node"));
    }

    private static NodeState node(ClusterHealth cluster, String node) {
        return cluster.node(node).orElseThrow(() -> new NotFoundException("node " + node + " is not in the cluster"));
    }
}
