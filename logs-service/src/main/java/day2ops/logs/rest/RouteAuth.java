package day2ops.logs.rest;

import day2ops.common.auth.DcosTokenAuthMechanism;
import day2ops.logs.journal.Problems;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Authentication and route authorization for the streaming routes, which write to the Vert.x
 * response themselves: the same token mechanism and identity augmentation as the REST resources
 * (deferred identity of Quarkus HTTP security), the same 401/403 problem+json answers.
 */
public final class RouteAuth {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(RouteAuth.class);

    static final String AUTHENTICATION_REQUIRED =
            "authentication required: send a valid token as 'Authorization: token=<jwt>'";
    static final String FORBIDDEN = "the token does not carry the permission this resource requires";

    private RouteAuth() {
    }

    /**
     * Runs {@code then} with the caller's identity if it is authenticated and {@code allowed};
     * otherwise answers 401 or 403.
     */
    public static void require(RoutingContext rc, Predicate<SecurityIdentity> allowed, Consumer<SecurityIdentity> then) {
        Uni<SecurityIdentity> deferred = rc.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
        if (deferred == null) {
            unauthorized(rc, AUTHENTICATION_REQUIRED);
            return;
        }
        String path = rc.request().path();
        deferred.subscribe().with(identity -> rc.vertx().runOnContext(v -> {
            if (identity == null || identity.isAnonymous()) {
                unauthorized(rc, AUTHENTICATION_REQUIRED);
            } else if (!allowed.test(identity)) {
                Problems.send(rc.response(), 403, FORBIDDEN, path);
            } else {
                try {
                    then.accept(identity);
                } catch (day2ops.logs.journal.LogRequestException e) {
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

    private static void unauthorized(RoutingContext rc, String detail) {
        rc.response().putHeader("WWW-Authenticate", DcosTokenAuthMechanism.CHALLENGE);
        Problems.send(rc.response(), 401, detail, rc.request().path());
    }
}
