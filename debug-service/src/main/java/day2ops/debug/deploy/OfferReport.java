package day2ops.debug.deploy;

import java.util.List;

/**
 * Why an app or pod is not starting, from Marathon's offer statistics: the rejection funnel, a
 * per-resource table, the last unused offers and a one-line diagnosis.
 *
 * @param id the app or pod id
 * @param kind {@code app} or {@code pod}
 * @param instancesWaiting instances still to launch
 * @param waitingSince when the entry joined Marathon's launch queue
 * @param delaySecondsLeft launch back-off left (0 when overdue)
 * @param processedOffers offers Marathon matched against the definition since the launch attempt began
 * @param unusedOffers of those, offers it declined
 * @param lastUnusedOfferAt when the last offer was declined
 * @param funnel rejection counts in Marathon's matching order
 * @param resources requested vs. matched per resource
 * @param lastOffers the last declined offers, per host, with their reasons
 * @param diagnosis one line for people
 */
public record OfferReport(String id, String kind, int instancesWaiting, String waitingSince, double delaySecondsLeft,
        int processedOffers, int unusedOffers, String lastUnusedOfferAt, List<FunnelStage> funnel,
        List<ResourceRow> resources, List<LastOffer> lastOffers, String diagnosis) {

    /** One matching stage: offers that reached it ({@code processed}) and those it rejected ({@code declined}). */
    public record FunnelStage(String reason, int declined, int processed) {
    }

    /** One row of the resource table: {@code matched} of {@code processed} offers satisfied {@code requested}. */
    public record ResourceRow(String resource, String requested, int matched, int processed) {
    }

    /** A declined offer. {@code ports} lists the offered ranges ({@code 1025-2180,2182-3887}). */
    public record LastOffer(String hostname, String agentId, String offeredAt, double cpus, double mem, double disk,
            double gpus, String ports, List<String> reasons) {
    }
}
