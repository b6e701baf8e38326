package day2ops.common.marathon;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * Marathon's {@code GET /v2/queue?embed=lastUnusedOffers}: the apps and pods waiting for offers, with
 * the offer-matching statistics Marathon keeps for each. Field names are Marathon's.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MarathonQueue(@JsonProperty("queue") List<Entry> queue) {

    public MarathonQueue {
        queue = queue == null ? List.of() : List.copyOf(queue);
    }

    /** The entry of an app or pod ({@code /team/app}), if it is waiting for offers. */
    public Optional<Entry> entry(String runSpecId) {
        return queue.stream().filter(entry -> entry.runSpecId().equals(runSpecId)).findFirst();
    }

    /** One app or pod in the launch queue. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(
            @JsonProperty("count") int count,
            @JsonProperty("delay") Delay delay,
            @JsonProperty("since") String since,
            @JsonProperty("processedOffersSummary") ProcessedOffersSummary processedOffersSummary,
            @JsonProperty("lastUnusedOffers") List<UnusedOffer> lastUnusedOffers,
            @JsonProperty("app") App app,
            @JsonProperty("pod") Pod pod) {

        public Entry {
            lastUnusedOffers = lastUnusedOffers == null ? List.of() : List.copyOf(lastUnusedOffers);
        }

        /** The app's or pod's id. */
        public String runSpecId() {
            return app != null ? app.id() : pod != null ? pod.id() : "";
        }
    }

    /** The launch back-off of an entry. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Delay(@JsonProperty("timeLeftSeconds") double timeLeftSeconds, @JsonProperty("overdue") boolean overdue) {
    }

    /** Counts of offers Marathon processed for this entry, and per rejection reason. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ProcessedOffersSummary(
            @JsonProperty("processedOffersCount") int processedOffersCount,
            @JsonProperty("unusedOffersCount") int unusedOffersCount,
            @JsonProperty("lastUnusedOfferAt") String lastUnusedOfferAt,
            @JsonProperty("lastUsedOfferAt") String lastUsedOfferAt,
            @JsonProperty("rejectSummaryLastOffers") List<ReasonCount> rejectSummaryLastOffers,
            @JsonProperty("rejectSummaryLaunchAttempt") List<ReasonCount> rejectSummaryLaunchAttempt) {

        public ProcessedOffersSummary {
            rejectSummaryLastOffers = rejectSummaryLastOffers == null ? List.of() : List.copyOf(rejectSummaryLastOffers);
            rejectSummaryLaunchAttempt = rejectSummaryLaunchAttempt == null ? List.of() : List.copyOf(rejectSummaryLaunchAttempt);
        }
    }

    /** How many offers reached a matching stage ({@code processed}) and how many it rejected ({@code declined}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReasonCount(@JsonProperty("reason") String reason, @JsonProperty("declined") int declined,
            @JsonProperty("processed") int processed) {
    }

    /** An offer Marathon did not use, with why. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UnusedOffer(@JsonProperty("offer") Offer offer, @JsonProperty("timestamp") String timestamp,
            @JsonProperty("reason") List<String> reason) {

        public UnusedOffer {
            reason = reason == null ? List.of() : List.copyOf(reason);
        }
    }

    /** A Mesos offer as Marathon reports it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Offer(@JsonProperty("id") String id, @JsonProperty("agentId") String agentId,
            @JsonProperty("hostname") String hostname, @JsonProperty("resources") List<Resource> resources) {

        public Offer {
            resources = resources == null ? List.of() : List.copyOf(resources);
        }

        /** The sum of a scalar resource ({@code cpus}, {@code mem}, {@code disk}, {@code gpus}) over all roles. */
        public double scalar(String name) {
            return resources.stream().filter(r -> r.name().equals(name) && r.scalar() != null)
                    .mapToDouble(Resource::scalar).sum();
        }
    }

    /** An offered resource: scalar, ranges or set, reserved for a role or unreserved ({@code *}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Resource(@JsonProperty("name") String name, @JsonProperty("role") String role,
            @JsonProperty("scalar") Double scalar, @JsonProperty("ranges") List<Range> ranges,
            @JsonProperty("set") List<String> set) {
    }

    /** A port range, inclusive. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Range(@JsonProperty("begin") long begin, @JsonProperty("end") long end) {
    }

    /** The parts of an app definition that decide whether an offer matches. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record App(@JsonProperty("id") String id, @JsonProperty("instances") int instances,
            @JsonProperty("cpus") double cpus, @JsonProperty("mem") double mem, @JsonProperty("disk") double disk,
            @JsonProperty("gpus") double gpus, @JsonProperty("role") String role,
            @JsonProperty("acceptedResourceRoles") List<String> acceptedResourceRoles,
            @JsonProperty("constraints") List<List<String>> constraints,
            @JsonProperty("portDefinitions") List<PortDefinition> portDefinitions) {

        public App {
            acceptedResourceRoles = acceptedResourceRoles == null ? List.of() : List.copyOf(acceptedResourceRoles);
            constraints = constraints == null ? List.of() : List.copyOf(constraints);
            portDefinitions = portDefinitions == null ? List.of() : List.copyOf(portDefinitions);
        }
    }

    /** A port an app asks for on the host; {@code 0} means any. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PortDefinition(@JsonProperty("port") int port, @JsonProperty("name") String name) {
    }

    /** The parts of a pod definition that decide whether an offer matches. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Pod(@JsonProperty("id") String id, @JsonProperty("role") String role,
            @JsonProperty("containers") List<PodContainer> containers,
            @JsonProperty("scheduling") PodScheduling scheduling) {

        public Pod {
            containers = containers == null ? List.of() : List.copyOf(containers);
        }
    }

    /** A pod container with its resources. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PodContainer(@JsonProperty("name") String name, @JsonProperty("resources") PodResources resources) {
    }

    /** Resources of a pod container. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PodResources(@JsonProperty("cpus") double cpus, @JsonProperty("mem") double mem,
            @JsonProperty("disk") double disk, @JsonProperty("gpus") double gpus) {
    }

    /** A pod's scheduling: where it may be placed. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PodScheduling(@JsonProperty("placement") PodPlacement placement) {
    }

    /** A pod's placement: roles and constraints. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PodPlacement(@JsonProperty("acceptedResourceRoles") List<String> acceptedResourceRoles,
            @JsonProperty("constraints") List<PodConstraint> constraints) {
    }

    /** A pod placement constraint ({@code {"fieldName":"hostname","operator":"UNIQUE"}}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PodConstraint(@JsonProperty("fieldName") String fieldName, @JsonProperty("operator") String operator,
            @JsonProperty("value") String value) {
    }
}
