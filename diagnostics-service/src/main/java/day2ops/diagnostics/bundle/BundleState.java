package day2ops.diagnostics.bundle;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * A bundle as the API shows it and {@code state.json} keeps it. Times are ISO-8601 UTC; {@code stopped_at} is
 * null while it runs. {@code collected}/{@code total}: collectors (local) or nodes (cluster) done of all.
 */
public record BundleState(
        String id,
        String type,
        long size,
        BundleStatus status,
        @JsonProperty("started_at") String startedAt,
        @JsonProperty("stopped_at") String stoppedAt,
        List<String> errors,
        int collected,
        int total) {

    public static final String LOCAL = "Local";
    public static final String CLUSTER = "Cluster";

    public BundleState {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    BundleState withStatus(BundleStatus newStatus) {
        return new BundleState(id, type, size, newStatus, startedAt, stoppedAt, errors, collected, total);
    }

    BundleState withProgress(int newCollected, int newTotal) {
        return new BundleState(id, type, size, status, startedAt, stoppedAt, errors, newCollected, newTotal);
    }

    BundleState stopped(BundleStatus newStatus, String at, long newSize, List<String> moreErrors) {
        List<String> all = new ArrayList<>(errors);
        all.addAll(moreErrors);
        return new BundleState(id, type, newSize, newStatus, startedAt, at, all, collected, total);
    }

    BundleState withSize(long newSize) {
        return new BundleState(id, type, newSize, status, startedAt, stoppedAt, errors, collected, total);
    }
}
