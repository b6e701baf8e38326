package day2ops.metrics;

import day2ops.common.mesos.AgentContainer;
import day2ops.common.mesos.AgentState;
import day2ops.metrics.statsd.ContainerRegistration;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Types that plain Jackson {@link com.fasterxml.jackson.databind.ObjectMapper}s (the Mesos
 * client, the StatsD state file) bind outside the REST layer, which registers only its own
 * resource types for a native image.
 */
@RegisterForReflection(targets = {
        ContainerRegistration.class,
        AgentContainer.class,
        AgentState.class, AgentState.Framework.class, AgentState.Executor.class, AgentState.Task.class,
        AgentState.Label.class, AgentState.Discovery.class, AgentState.Ports.class, AgentState.Port.class,
        AgentState.Labels.class, AgentState.Status.class, AgentState.ContainerStatus.class,
        AgentState.NetworkInfo.class, AgentState.IpAddress.class})
final class NativeReflection {

    private NativeReflection() {
    }
}
