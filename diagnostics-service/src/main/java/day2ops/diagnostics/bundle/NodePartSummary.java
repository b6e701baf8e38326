package day2ops.diagnostics.bundle;

import java.util.List;

/** What a node's part of a bundle came to: failures of required collectors, entries and bytes written. */
public record NodePartSummary(List<String> errors, int entries, long bytes) {

    public NodePartSummary {
        errors = List.copyOf(errors);
    }
}
