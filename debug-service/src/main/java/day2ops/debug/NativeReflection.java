package day2ops.debug;

import day2ops.common.marathon.MarathonQueue;
import day2ops.common.mesos.AgentState;
import day2ops.common.rest.ServiceInfoResource;
import day2ops.debug.deploy.DeploymentResource;
import day2ops.debug.deploy.OfferReport;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Types that plain Jackson {@link com.fasterxml.jackson.databind.ObjectMapper}s (the Marathon and
 * Mesos clients) bind outside the REST layer, plus the offer report's nested records, for a native image;
 * and the secured resources, whose {@code @RolesAllowed} common's {@code RequiredPermissions} reads for the
 * audit record's permission.
 */
@RegisterForReflection(targets = {
        MarathonQueue.class, MarathonQueue.Entry.class, MarathonQueue.Delay.class,
        MarathonQueue.ProcessedOffersSummary.class, MarathonQueue.ReasonCount.class, MarathonQueue.UnusedOffer.class,
        MarathonQueue.Offer.class, MarathonQueue.Resource.class, MarathonQueue.Range.class, MarathonQueue.App.class,
        MarathonQueue.PortDefinition.class, MarathonQueue.Pod.class, MarathonQueue.PodContainer.class,
        MarathonQueue.PodResources.class, MarathonQueue.PodScheduling.class, MarathonQueue.PodPlacement.class,
        MarathonQueue.PodConstraint.class,
        AgentState.class, AgentState.Framework.class, AgentState.Executor.class, AgentState.Task.class,
        AgentState.Label.class, AgentState.Discovery.class, AgentState.Ports.class, AgentState.Port.class,
        AgentState.Labels.class, AgentState.Status.class, AgentState.ContainerStatus.class,
        AgentState.NetworkInfo.class, AgentState.IpAddress.class,
        OfferReport.class, OfferReport.FunnelStage.class, OfferReport.ResourceRow.class, OfferReport.LastOffer.class,
        DeploymentResource.class, ServiceInfoResource.class})
final class NativeReflection {

    private NativeReflection() {
    }
}
