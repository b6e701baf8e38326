package day2ops.metrics.collector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading of small pseudo files; they report size 0, so read them to the end in one go. */
final class ProcFiles {

    private ProcFiles() {
    }

    static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
    }

    /** Rounds to two decimals, the precision of the v0 percent datapoints. */
    static double twoDecimals(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        return Math.round(value * 100.0) / 100.0;
    }
}
