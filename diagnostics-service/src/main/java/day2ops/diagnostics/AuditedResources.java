package day2ops.diagnostics;

import day2ops.common.rest.ServiceInfoResource;
import day2ops.diagnostics.grpc.NodeDiagnosticsGrpcService;
import day2ops.diagnostics.rest.ClusterBundlesResource;
import day2ops.diagnostics.rest.ClusterHealthResource;
import day2ops.diagnostics.rest.HealthResource;
import day2ops.diagnostics.rest.NodeBundlesResource;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The secured resources, registered for reflection in a native image: common's {@code RequiredPermissions}
 * reads their {@code @RolesAllowed} to name the permission in each access audit record.
 */
@RegisterForReflection(targets = {HealthResource.class, ClusterHealthResource.class, NodeBundlesResource.class,
        ClusterBundlesResource.class, NodeDiagnosticsGrpcService.class, ServiceInfoResource.class})
final class AuditedResources {

    private AuditedResources() {
    }
}
