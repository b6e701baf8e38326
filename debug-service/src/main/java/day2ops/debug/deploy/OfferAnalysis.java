package day2ops.debug.deploy;

import day2ops.common.marathon.MarathonQueue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Turns a Marathon launch-queue entry into an {@link OfferReport}. Pure: recorded entries test it. */
public final class OfferAnalysis {

    /** Marathon's matching order: an offer rejected at one stage never reaches the next. */
    public static final List<String> FUNNEL = List.of("UnfulfilledRole", "UnfulfilledConstraint",
            "NoCorrespondingReservationFound", "AgentMaintenance", "InsufficientCpus", "InsufficientMemory",
            "InsufficientDisk", "InsufficientGpus", "InsufficientPorts", "DeclinedScarceResources");

    private OfferAnalysis() {
    }

    /** What an app or pod asks for, flattened. */
    record Requirements(String kind, List<String> roles, List<String> constraints, double cpus, double mem,
            double disk, double gpus, List<Integer> ports) {

        static Requirements of(MarathonQueue.Entry entry) {
            if (entry.app() != null) {
                MarathonQueue.App app = entry.app();
                List<String> roles = !app.acceptedResourceRoles().isEmpty() ? app.acceptedResourceRoles()
                        : List.of(app.role() == null ? "*" : app.role());
                return new Requirements("app", roles,
                        app.constraints().stream().map(c -> String.join(":", c)).toList(),
                        app.cpus(), app.mem(), app.disk(), app.gpus(),
                        app.portDefinitions().stream().map(MarathonQueue.PortDefinition::port).toList());
            }
            MarathonQueue.Pod pod = entry.pod();
            MarathonQueue.PodPlacement placement = pod.scheduling() == null ? null : pod.scheduling().placement();
            List<String> roles = placement != null && placement.acceptedResourceRoles() != null
                    && !placement.acceptedResourceRoles().isEmpty() ? placement.acceptedResourceRoles()
                    : List.of(pod.role() == null ? "*" : pod.role());
            List<String> constraints = placement == null || placement.constraints() == null ? List.of()
                    : placement.constraints().stream().map(c -> c.fieldName() + ":" + c.operator()
                            + (c.value() == null ? "" : ":" + c.value())).toList();
            double cpus = 0, mem = 0, disk = 0, gpus = 0;
            for (MarathonQueue.PodContainer container : pod.containers()) {
                if (container.resources() != null) {
                    cpus += container.resources().cpus();
                    mem += container.resources().mem();
                    disk += container.resources().disk();
                    gpus += container.resources().gpus();
                }
            }
            return new Requirements("pod", roles, constraints, cpus, mem, disk, gpus, List.of());
        }
    }

    public static OfferReport analyze(MarathonQueue.Entry entry) {
        Requirements wanted = Requirements.of(entry);
        MarathonQueue.ProcessedOffersSummary summary = entry.processedOffersSummary();
        List<MarathonQueue.ReasonCount> counts = summary == null ? List.of()
                : !summary.rejectSummaryLaunchAttempt().isEmpty() ? summary.rejectSummaryLaunchAttempt()
                : summary.rejectSummaryLastOffers();
        List<OfferReport.FunnelStage> funnel = funnel(counts);
        List<OfferReport.LastOffer> lastOffers = entry.lastUnusedOffers().stream().map(OfferAnalysis::lastOffer).toList();
        int processed = summary == null ? 0 : summary.processedOffersCount();
        return new OfferReport(entry.runSpecId(), wanted.kind(), entry.count(), entry.since(),
                entry.delay() == null || entry.delay().overdue() ? 0 : entry.delay().timeLeftSeconds(),
                processed, summary == null ? 0 : summary.unusedOffersCount(),
                summary == null ? null : summary.lastUnusedOfferAt(),
                funnel, resources(wanted, funnel), lastOffers, diagnosis(entry, wanted, funnel, lastOffers, processed));
    }

    private static List<OfferReport.FunnelStage> funnel(List<MarathonQueue.ReasonCount> counts) {
        Map<String, MarathonQueue.ReasonCount> byReason = counts.stream()
                .collect(Collectors.toMap(MarathonQueue.ReasonCount::reason, c -> c, (a, b) -> a));
        List<OfferReport.FunnelStage> funnel = new ArrayList<>();
        for (String reason : FUNNEL) {
            MarathonQueue.ReasonCount count = byReason.get(reason);
            funnel.add(new OfferReport.FunnelStage(reason, count == null ? 0 : count.declined(), count == null ? 0 : count.processed()));
        }
        // Reasons a newer Marathon adds go last rather than being dropped.
        counts.stream().filter(c -> !FUNNEL.contains(c.reason()))
                .forEach(c -> funnel.add(new OfferReport.FunnelStage(c.reason(), c.declined(), c.processed())));
        return funnel;
    }

    private static List<OfferReport.ResourceRow> resources(Requirements wanted, List<OfferReport.FunnelStage> funnel) {
        List<OfferReport.ResourceRow> rows = new ArrayList<>();
        rows.add(row(funnel, "role", "UnfulfilledRole", wanted.roles().toString()));
        rows.add(row(funnel, "constraints", "UnfulfilledConstraint",
                wanted.constraints().isEmpty() ? "-" : String.join(", ", wanted.constraints())));
        rows.add(row(funnel, "cpus", "InsufficientCpus", number(wanted.cpus())));
        rows.add(row(funnel, "mem", "InsufficientMemory", number(wanted.mem())));
        rows.add(row(funnel, "disk", "InsufficientDisk", number(wanted.disk())));
        if (wanted.gpus() > 0) {
            rows.add(row(funnel, "gpus", "InsufficientGpus", number(wanted.gpus())));
        }
        rows.add(row(funnel, "ports", "InsufficientPorts", ports(wanted.ports())));
        return rows;
    }

    private static OfferReport.ResourceRow row(List<OfferReport.FunnelStage> funnel, String resource, String reason,
            String requested) {
        OfferReport.FunnelStage stage = funnel.stream().filter(s -> s.reason().equals(reason)).findFirst().orElseThrow();
        return new OfferReport.ResourceRow(resource, requested, stage.processed() - stage.declined(), stage.processed());
    }

    private static String ports(List<Integer> ports) {
        if (ports.isEmpty()) {
            return "-";
        }
        long any = ports.stream().filter(p -> p == 0).count();
        List<String> fixed = ports.stream().filter(p -> p != 0).map(String::valueOf).toList();
        List<String> parts = new ArrayList<>();
        if (!fixed.isEmpty()) {
            parts.add(String.join(",", fixed));
        }
        if (any > 0) {
            parts.add(any + " any");
        }
        return String.join(" + ", parts);
    }

    private static OfferReport.LastOffer lastOffer(MarathonQueue.UnusedOffer unused) {
        MarathonQueue.Offer offer = unused.offer();
        String ports = offer.resources().stream().filter(r -> r.name().equals("ports") && r.ranges() != null)
                .flatMap(r -> r.ranges().stream()).map(r -> r.begin() + "-" + r.end()).collect(Collectors.joining(","));
        return new OfferReport.LastOffer(offer.hostname(), offer.agentId(), unused.timestamp(), offer.scalar("cpus"),
                offer.scalar("mem"), offer.scalar("disk"), offer.scalar("gpus"), ports, unused.reason());
    }

    static String diagnosis(MarathonQueue.Entry entry, Requirements wanted, List<OfferReport.FunnelStage> funnel,
            List<OfferReport.LastOffer> offers, int processed) {
        if (processed == 0) {
            if (entry.delay() != null && !entry.delay().overdue() && entry.delay().timeLeftSeconds() > 0) {
                return "launch is delayed for another " + number(entry.delay().timeLeftSeconds())
                        + " s (back-off after failed launches); no offers processed yet";
            }
            return "no offers processed yet: no agent has offered resources for role " + wanted.roles() + " since " + entry.since();
        }
        Optional<OfferReport.FunnelStage> worst = funnel.stream().filter(s -> s.declined() > 0)
                .max(Comparator.comparingInt(OfferReport.FunnelStage::declined)
                        .thenComparing(s -> -funnel.indexOf(s)));
        if (worst.isEmpty()) {
            return "offers match the definition; " + entry.count() + " instance(s) waiting to be launched";
        }
        String reason = worst.get().reason();
        String share = worst.get().declined() + " of " + worst.get().processed() + " offers";
        return switch (reason) {
            case "UnfulfilledRole" -> "no offer carries resources for the accepted roles " + wanted.roles() + " (" + share + " rejected)";
            case "UnfulfilledConstraint" -> "no agent satisfies the constraints " + wanted.constraints() + " (" + share + " rejected)";
            case "NoCorrespondingReservationFound" -> "no offer carries the reservation this " + wanted.kind()
                    + " needs for its persistent volumes (" + share + " rejected)";
            case "AgentMaintenance" -> "the agents offering resources are in maintenance (" + share + " rejected)";
            case "InsufficientCpus" -> scalarShortage("cpus", "cpus", wanted.cpus(), offers, o -> o.cpus());
            case "InsufficientMemory" -> scalarShortage("mem", "MiB memory", wanted.mem(), offers, o -> o.mem());
            case "InsufficientDisk" -> scalarShortage("disk", "MiB disk", wanted.disk(), offers, o -> o.disk());
            case "InsufficientGpus" -> scalarShortage("gpus", "gpus", wanted.gpus(), offers, o -> o.gpus());
            case "InsufficientPorts" -> "no agent offers the requested ports " + ports(wanted.ports()) + " (" + share + " rejected)";
            case "DeclinedScarceResources" -> "offers carry scarce resources (GPUs) this " + wanted.kind()
                    + " does not use, so Marathon keeps them for others (" + share + " rejected)";
            default -> "most offers were rejected for " + reason + " (" + share + ")";
        };
    }

    private static String scalarShortage(String resource, String unit, double wanted, List<OfferReport.LastOffer> offers,
            java.util.function.ToDoubleFunction<OfferReport.LastOffer> amount) {
        String need = "no agent offers " + number(wanted) + " " + unit;
        return offers.stream().max(Comparator.comparingDouble(amount))
                .map(largest -> need + "; largest offer " + number(amount.applyAsDouble(largest)) + " " + unit
                        + " on " + largest.hostname())
                .orElse(need);
    }

    /** 4.0 → "4", 0.5 → "0.5", 0.1 + 0.5 → "0.6" (three decimals at most, as Marathon's UI shows). */
    static String number(double value) {
        return java.math.BigDecimal.valueOf(value).setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
    }
}
