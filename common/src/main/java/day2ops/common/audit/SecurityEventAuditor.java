package day2ops.common.audit;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import io.quarkus.security.spi.runtime.AuthorizationFailureEvent;
import io.quarkus.security.spi.runtime.AuthorizationSuccessEvent;
import io.quarkus.security.spi.runtime.MethodDescription;
import io.quarkus.security.spi.runtime.SecurityEvent;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Optional;

/**
 * Turns Quarkus' security events into access records: every security check on a REST method
 * ({@code @RolesAllowed}, {@code @Authenticated}) that passes or fails, and every token that fails
 * verification. Events without an HTTP request of their own (gRPC calls of a node plane) are recorded with
 * the secured method as what was called.
 */
@ApplicationScoped
public class SecurityEventAuditor {

    private final AccessAudit audit;
    private final RequiredPermissions permissions;

    public SecurityEventAuditor(AccessAudit audit, RequiredPermissions permissions) {
        this.audit = audit;
        this.permissions = permissions;
    }

    void authorized(@Observes AuthorizationSuccessEvent event) {
        Object securedMethod = securedMethod(event, AuthorizationSuccessEvent.SECURED_METHOD_KEY);
        String permission = permission(securedMethod);
        request(event).ifPresentOrElse(request -> audit.allowed(request, event.getSecurityIdentity(), permission),
                () -> audit.decidedWithoutRequest(true, event.getSecurityIdentity(), operation(securedMethod), permission,
                        Optional.empty()));
    }

    void refused(@Observes AuthorizationFailureEvent event) {
        Object securedMethod = securedMethod(event, AuthorizationFailureEvent.SECURED_METHOD_KEY);
        String permission = permission(securedMethod);
        Throwable failure = event.getAuthorizationFailure();
        String reason = failure instanceof UnauthorizedException || failure instanceof AuthenticationFailedException
                ? "authentication required: no valid token"
                : "the token does not carry " + permission;
        request(event).ifPresentOrElse(request -> audit.denied(request, event.getSecurityIdentity(), permission, reason),
                () -> audit.decidedWithoutRequest(false, event.getSecurityIdentity(), operation(securedMethod), permission,
                        Optional.of(reason)));
    }

    void unauthenticated(@Observes AuthenticationFailureEvent event) {
        String reason = "invalid authentication token" + detail(event.getAuthenticationFailure());
        request(event).ifPresentOrElse(request -> audit.denied(request, null, AccessDecision.AUTHENTICATED, reason),
                () -> audit.decidedWithoutRequest(false, null, "-", AccessDecision.AUTHENTICATED, Optional.of(reason)));
    }

    private static Object securedMethod(SecurityEvent event, String key) {
        return event.getEventProperties() == null ? null : event.getEventProperties().get(key);
    }

    /** {@code SimpleClassName#method} of the secured method, or {@code -}. */
    private static String operation(Object securedMethod) {
        String name = securedMethod instanceof MethodDescription method
                ? method.getClassName() + "#" + method.getMethodName()
                : securedMethod instanceof String method ? method : "-";
        int dot = name.lastIndexOf('.', name.indexOf('#') < 0 ? name.length() : name.indexOf('#'));
        return dot < 0 ? name : name.substring(dot + 1);
    }

    private String permission(Object securedMethod) {
        if (securedMethod instanceof MethodDescription method) {
            return permissions.of(method.getClassName() + "#" + method.getMethodName());
        }
        return securedMethod instanceof String method ? permissions.of(method) : RequiredPermissions.UNKNOWN;
    }

    private static Optional<RoutingContext> request(SecurityEvent event) {
        Map<String, Object> properties = event.getEventProperties();
        if (properties == null) {
            return Optional.empty();
        }
        Object direct = properties.get(RoutingContext.class.getName());
        if (direct instanceof RoutingContext context) {
            return Optional.of(context);
        }
        return properties.values().stream().filter(RoutingContext.class::isInstance).map(RoutingContext.class::cast).findFirst();
    }

    /** Why verification failed, for the record (not for the client): the innermost cause, shortened. */
    static String detail(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause == null || cause == failure && (cause.getMessage() == null || cause.getMessage().isBlank())) {
            return "";
        }
        String message = String.valueOf(cause.getMessage()).replaceAll("\\s+", " ").strip();
        return ": " + (message.length() > 200 ? message.substring(0, 200) + "…" : message);
    }
}
