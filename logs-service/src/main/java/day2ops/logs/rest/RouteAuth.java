package day2ops.logs.rest;

import day2ops.common.audit.AccessAudit;
import day2ops.common.audit.AccessDecision;
import day2ops.common.auth.DcosTokenAuthMechanism;
import day2ops.common.auth.Permissions;
import day2ops.logs.journal.Problems;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import day2ops.logs.errors.ServiceErrors;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Authentication and route authorization for the streaming routes, which write to the Vert.x
 * response themselves: the same token mechanism and identity augmentation as the REST resources
 * (deferred identity of Quarkus HTTP security), the same 401/403 problem+json answers.
 */
@ApplicationScoped
public class RouteAuth {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(RouteAuth.class);

    static final String AUTHENTICATION_REQUIRED =
            "authentication required: send a valid token as 'Authorization: token=<jwt>'";
    static final String FORBIDDEN = "the token does not carry the permission this resource requires";

    /** The audit record's permission for the task routes: the route permission, or any application permission. */
    public static final String TASK_LINES_PERMISSION = Permissions.SYSTEM_LOGS + "|"
            + Permissions.APP_SANDBOX_PREFIX + "*";

    private final ServiceErrors errors;
    private final AccessAudit audit;

    public RouteAuth(ServiceErrors errors, AccessAudit audit) {
        this.errors = errors;
        this.audit = audit;
    }

    /**
     * Runs {@code then} with the caller's identity if it is authenticated and {@code allowed};
     * otherwise answers 401 or 403. Each decision is an access audit record naming {@code permission}.
     */
    public void require(RoutingContext rc, String permission, Predicate<SecurityIdentity> allowed,
            Consumer<SecurityIdentity> then) {
        Uni<SecurityIdentity> deferred = rc.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
        if (deferred == null) {
            unauthorized(rc, AUTHENTICATION_REQUIRED);
            return;
        }
        // A failed authentication would otherwise be answered twice: by Quarkus's default failure handler
        // (a bare 401 challenge) as the deferred identity fails, and by the failure callback below. These
        // routes answer it themselves, as problem+json with the challenge header.
        rc.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, (BiConsumer<RoutingContext, Throwable>) (ctx, failure) -> {
        });
        String path = rc.request().path();
        deferred.subscribe().with(identity -> rc.vertx().runOnContext(v -> {
            if (identity == null || identity.isAnonymous()) {
                unauthorized(rc, AUTHENTICATION_REQUIRED);
            } else if (!allowed.test(identity)) {
                audit.denied(rc, identity, permission, FORBIDDEN);
                Problems.send(rc.response(), 403, FORBIDDEN, path);
            } else {
                audit.allowed(rc, identity, permission);
                try {
                    then.accept(identity);
                } catch (day2ops.logs.journal.LogRequestException e) {
                    if (e.status() == 403) {
                        audit.denied(rc, identity, Permissions.APP_SANDBOX_PREFIX + "*", e.getMessage());
                    }
                    errors.refused(e, path);
                    Problems.send(rc.response(), e.status(), e.getMessage(), path);
                } catch (RuntimeException e) {
                    String errorId = java.util.UUID.randomUUID().toString();
                    LOG.errorf(e, "unhandled error %s on %s", errorId, path);
                    Problems.send(rc.response(), 500, "internal error; the service log has the details under error id " + errorId, path);
                }
            }
        }), failure -> rc.vertx().runOnContext(v -> unauthorized(rc,
                failure instanceof AuthenticationFailedException ? "invalid authentication token" : AUTHENTICATION_REQUIRED)));
    }

    /** Records that {@code identity} was refused a task's lines (its application permission is missing). */
    public void deniedTask(RoutingContext rc, SecurityIdentity identity, String detail) {
        audit.denied(rc, identity, Permissions.APP_SANDBOX_PREFIX + "*", detail);
    }

    private void unauthorized(RoutingContext rc, String detail) {
        audit.denied(rc, null, AccessDecision.AUTHENTICATED, detail);
        rc.response().putHeader("WWW-Authenticate", DcosTokenAuthMechanism.CHALLENGE);
        Problems.send(rc.response(), 401, detail, rc.request().path());
    }
}
