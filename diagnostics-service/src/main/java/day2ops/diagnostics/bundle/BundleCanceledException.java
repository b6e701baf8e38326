package day2ops.diagnostics.bundle;

/** The bundle being collected was canceled (by its owner, or because the master hung up); collection stops. */
public final class BundleCanceledException extends RuntimeException {

    public BundleCanceledException(String message) {
        super(message, null, false, false);
    }
}
