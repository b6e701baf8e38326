package day2ops.common.auth;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Gives a {@code dcos:superuser} identity every route permission as a role, so that
 * {@code @RolesAllowed(Permissions.SYSTEM_LOGS)} admits superusers. Application permissions are
 * hierarchical and are checked with {@link Permissions#grants}, not with roles.
 */
@ApplicationScoped
public class PermissionIdentityAugmentor implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !identity.getRoles().contains(Permissions.SUPERUSER)) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity)
                .addRoles(Permissions.ROUTE_PERMISSIONS)
                .build());
    }
}
