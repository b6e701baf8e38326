package day2ops.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import day2ops.common.audit.AccessAudit;
import day2ops.common.audit.AccessDecision;
import day2ops.common.audit.RequiredPermissions;
import day2ops.common.auth.AccessDeniedException;
import day2ops.common.auth.DcosTokenAuthMechanism;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where exceptions become responses: every error is problem+json, bad input is a
 * 400 that says what was wrong, and nothing internal (stack traces, class names) reaches a client.
 * 401 and 403 are also access decisions: recorded unless the security check already recorded them.
 */
public class ProblemExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);

    private final AccessAudit audit;
    private final CurrentVertxRequest request;

    public ProblemExceptionMappers(AccessAudit audit, CurrentVertxRequest request) {
        this.audit = audit;
        this.request = request;
    }

    static final String AUTHENTICATION_REQUIRED =
            "authentication required: send a valid token as 'Authorization: token=<jwt>'";

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        Response original = e.getResponse();
        Response.ResponseBuilder response =
                Problem.of(original.getStatusInfo(), e.getMessage(), uri.getPath()).toResponse();
        // Keep what tells a client how to go on (Allow on 405, Location on 303, Retry-After on 503).
        original.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE) && !name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)) {
                values.forEach(value -> response.header(name, value));
            }
        });
        return response.build();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class})
    public Response unauthorized(Exception e, UriInfo uri) {
        String detail = e instanceof AuthenticationFailedException ? "invalid authentication token" : AUTHENTICATION_REQUIRED;
        RoutingContext context = request.getCurrent();
        if (context != null) {
            audit.denied(context, null, AccessDecision.AUTHENTICATED, detail);
        }
        return Problem.of(Response.Status.UNAUTHORIZED, detail, uri.getPath()).toResponse()
                .header(HttpHeaders.WWW_AUTHENTICATE, DcosTokenAuthMechanism.CHALLENGE)
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        String detail = e.getMessage() == null || e.getMessage().isBlank()
                ? "the token does not carry the permission this resource requires"
                : e.getMessage();
        RoutingContext context = request.getCurrent();
        if (context != null) {
            SecurityIdentity identity = context.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
            audit.denied(context, identity, e instanceof AccessDeniedException denied ? denied.permission() : RequiredPermissions.UNKNOWN, detail);
        }
        return Problem.of(Response.Status.FORBIDDEN, detail, uri.getPath()).toResponse().build();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        return Problem.of(Response.Status.BAD_REQUEST, "malformed JSON: " + e.getOriginalMessage(), uri.getPath())
                .toResponse().build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "unhandled error %s on %s", errorId, uri.getPath());
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR,
                "internal error; the service log has the details under error id " + errorId, uri.getPath())
                .toResponse().build();
    }
}
