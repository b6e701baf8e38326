package day2ops.logs.rest;

import day2ops.common.rest.ServiceInfoResource;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The service's one JAX-RS secured resource, registered for reflection in a native image: common's
 * {@code RequiredPermissions} reads its {@code @Authenticated}/{@code @RolesAllowed} for the access audit
 * record. The streaming routes name their permission themselves ({@link RouteAuth}).
 */
@RegisterForReflection(targets = ServiceInfoResource.class)
final class AuditedResources {

    private AuditedResources() {
    }
}
