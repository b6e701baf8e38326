package day2ops.diagnostics.bundle;

import java.io.IOException;

/**
 * Writing to the bundle's destination failed (disk full, quota exceeded, stream gone): unlike a collector's
 * failure this ends the whole bundle.
 */
public final class SinkFailedException extends RuntimeException {

    public SinkFailedException(IOException cause) {
        super(cause.getMessage(), cause);
    }
}
