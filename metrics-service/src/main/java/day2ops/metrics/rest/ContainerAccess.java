package day2ops.metrics.rest;

import day2ops.common.auth.Permissions;
import day2ops.metrics.container.ContainerMetadata;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The per-application rule for container and app data: the caller needs the sandbox permission
 * of the container's application ({@code dcos:mesos:agent:sandbox:app_id:/team/app}, or one on
 * a group above it). A container of no known application is readable only with the permission
 * on the root group {@code /} (or {@code dcos:superuser}).
 */
public final class ContainerAccess {

    private ContainerAccess() {
    }

    public static String requiredPermission(ContainerMetadata metadata) {
        return Permissions.appSandbox(metadata.appId() == null ? "/" : metadata.appId());
    }

    public static boolean mayRead(SecurityIdentity caller, ContainerMetadata metadata) {
        return Permissions.grants(caller.getRoles(), requiredPermission(metadata));
    }
}
