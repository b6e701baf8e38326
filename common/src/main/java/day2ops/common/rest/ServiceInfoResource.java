package day2ops.common.rest;

import day2ops.common.auth.AccessDeniedException;
import day2ops.common.auth.Permissions;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code GET /}: which service and node answered, and as whom the caller was authenticated —
 * the quickest end-to-end check that a token passes Adminrouter and the service alike.
 */
@Path("/")
@Authenticated
public class ServiceInfoResource {

    /** The body of {@code GET /}. */
    public record ServiceInfo(String service, String version, String node, String uid) {
    }

    private final ServiceIdentity identity;
    private final SecurityIdentity caller;
    private final String version;
    private final String node;

    public ServiceInfoResource(ServiceIdentity identity, SecurityIdentity caller,
            @ConfigProperty(name = "quarkus.application.version") String version) {
        this.identity = identity;
        this.caller = caller;
        this.version = version;
        this.node = hostname();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ServiceInfo info() {
        if (!Permissions.grants(caller.getRoles(), identity.permission())) {
            throw new AccessDeniedException(identity.permission(), "permission " + identity.permission() + " required");
        }
        return new ServiceInfo(identity.name(), version, node, caller.getPrincipal().getName());
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
