package day2ops.metrics.container;

import java.util.SortedMap;

/**
 * What is known about a container besides its numbers; fields are null when the source does
 * not know them (cgroups alone know only the container id).
 *
 * @param appId the Marathon application id whose sandbox permission guards this container's
 *     data, or null when the container belongs to no known application
 */
public record ContainerMetadata(String containerId, String executorId, String frameworkId, String frameworkName,
        String frameworkRole, String frameworkPrincipal, String taskId, String taskName,
        SortedMap<String, String> labels, String appId) {

    public static ContainerMetadata idOnly(String containerId) {
        return new ContainerMetadata(containerId, null, null, null, null, null, null, null, null, null);
    }
}
