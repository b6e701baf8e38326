package day2ops.diagnostics.bundle;

/** A bundle's life, with dcos-diagnostics' names. */
public enum BundleStatus {
    Unknown, Started, InProgress, Done, Canceled, Deleted, Failed;

    /** Still being built (and cancelable). */
    public boolean running() {
        return this == Started || this == InProgress;
    }
}
