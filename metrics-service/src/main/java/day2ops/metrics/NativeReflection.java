package day2ops.metrics;

import day2ops.common.mesos.AgentContainer;
import day2ops.common.mesos.AgentContainerV1;
import day2ops.common.mesos.AgentState;
import day2ops.common.rest.ServiceInfoResource;
import day2ops.metrics.rest.ContainersResource;
import day2ops.metrics.rest.NodeResource;
import day2ops.metrics.rest.PingResource;
import day2ops.metrics.rest.PrometheusResource;
import day2ops.metrics.rest.StatsdContainersResource;
import day2ops.metrics.statsd.ContainerRegistration;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Types that plain Jackson {@link com.fasterxml.jackson.databind.ObjectMapper}s (the Mesos
 * client, the StatsD state file) bind outside the REST layer, which registers only its own
 * resource types for a native image; and the secured resources, whose {@code @RolesAllowed} common's
 * {@code RequiredPermissions} reads for the audit record's permission.
 */
@RegisterForReflection(targets = {
        ContainerRegistration.class,
        AgentContainer.class,
        AgentContainerV1.class, AgentContainerV1.Id.class, AgentContainerV1.ContainerId.class,
        AgentState.class, AgentState.Framework.class, AgentState.Executor.class, AgentState.Task.class,
        AgentState.Label.class, AgentState.Discovery.class, AgentState.Ports.class, AgentState.Port.class,
        AgentState.Labels.class, AgentState.Status.class, AgentState.ContainerStatus.class,
        AgentState.NetworkInfo.class, AgentState.IpAddress.class,
        NodeResource.class, PingResource.class, ContainersResource.class, PrometheusResource.class,
        StatsdContainersResource.class, ServiceInfoResource.class})
final class NativeReflection {

    private NativeReflection() {
    }
}
