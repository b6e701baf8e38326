package day2ops.common.audit;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records allow/deny decisions on requests as {@code access} audit records ({@link AccessDecision}).
 * Quarkus' security checks reach it through {@link SecurityEventAuditor}; decisions a service makes
 * itself (per application, per task) call {@link #denied} directly or throw
 * {@link day2ops.common.auth.AccessDeniedException}. Never blocks and never fails the request.
 */
@ApplicationScoped
public class AccessAudit {

    /** Set on a request once its denial is recorded, so that one refusal is one record. */
    static final String DENIAL_RECORDED = "day2ops.audit.denial-recorded";

    private final AuditLog log;
    private final boolean enabled;
    private final List<String> skipAllowsUnder;

    public AccessAudit(AuditLog log, AuditConfig config) {
        this.log = log;
        this.enabled = config.access().enabled();
        this.skipAllowsUnder = config.access().skipAllowsUnder();
    }

    /** Records that {@code identity} was allowed {@code permission} on this request. */
    public void allowed(RoutingContext request, SecurityIdentity identity, String permission) {
        allowed(request, identity, permission, Map.of());
    }

    /** As {@link #allowed(RoutingContext, SecurityIdentity, String)}, with fields of the service's own (e.g. {@code TASK_ID}). */
    public void allowed(RoutingContext request, SecurityIdentity identity, String permission, Map<String, String> details) {
        String path = request.request().path();
        if (!enabled || skipAllowsUnder.stream().anyMatch(path::startsWith)) {
            return;
        }
        log.write(decision(true, request, identity, permission, Optional.empty(), details).toRecord());
    }

    /**
     * Records that the request was refused {@code permission} for {@code reason}; {@code identity} is null
     * or anonymous when the caller was not authenticated. A second denial of the same request is not recorded.
     */
    public void denied(RoutingContext request, SecurityIdentity identity, String permission, String reason) {
        denied(request, identity, permission, reason, Map.of());
    }

    /** As {@link #denied(RoutingContext, SecurityIdentity, String, String)}, with fields of the service's own. */
    public void denied(RoutingContext request, SecurityIdentity identity, String permission, String reason,
            Map<String, String> details) {
        if (!enabled || request.get(DENIAL_RECORDED) != null) {
            return;
        }
        request.put(DENIAL_RECORDED, Boolean.TRUE);
        log.write(decision(false, request, identity, permission, Optional.of(reason), details).toRecord());
    }

    /**
     * Records a decision on a call that has no HTTP request of its own (a gRPC call of the node plane):
     * {@code operation} names what was called ({@code Service#method}), the method is {@code RPC}.
     */
    public void decidedWithoutRequest(boolean allowed, SecurityIdentity identity, String operation, String permission,
            Optional<String> reason) {
        if (!enabled) {
            return;
        }
        String uid = identity == null || identity.isAnonymous() ? AccessDecision.ANONYMOUS : identity.getPrincipal().getName();
        log.write(new AccessDecision(allowed, uid, "RPC", operation, permission, reason, "-", Optional.empty()).toRecord());
    }

    private static AccessDecision decision(boolean allowed, RoutingContext request, SecurityIdentity identity,
            String permission, Optional<String> reason, Map<String, String> details) {
        String uid = identity == null || identity.isAnonymous() ? AccessDecision.ANONYMOUS : identity.getPrincipal().getName();
        SocketAddress remote = request.request().remoteAddress();
        return new AccessDecision(allowed, uid, request.request().method().name(), request.request().path(), permission,
                reason, remote == null ? "-" : remote.hostAddress(),
                Optional.ofNullable(request.request().getHeader("X-Forwarded-For")), details);
    }
}
