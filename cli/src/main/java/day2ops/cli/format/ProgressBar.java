package day2ops.cli.format;

import java.util.Locale;
import java.util.function.LongFunction;

/**
 * Progress rendering, pure: a bar for terminals ({@code [##########----------]  50%  3/6 nodes}) and a
 * plain line for logs; {@link Progress} decides which one and where it goes.
 */
public final class ProgressBar {

    private ProgressBar() {
    }

    /** {@code [#####-----]} of {@code width} cells (the brackets come on top); an unknown total is all dashes. */
    public static String bar(long done, long total, int width) {
        int filled = total <= 0 ? 0 : (int) Math.min(width, Math.max(0, done) * width / total);
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]";
    }

    /** {@code  50%}; {@code   ?%} when the total is unknown. */
    public static String percent(long done, long total) {
        if (total <= 0) {
            return "  ?%";
        }
        return String.format(Locale.ROOT, "%3d%%", Math.min(100, Math.max(0, done) * 100 / total));
    }

    /**
     * One terminal line: {@code label [bar] pct  done/total}, the amounts through {@code amount}, fitted into
     * {@code columns}: the bar shrinks first (to at least 10 cells), then is dropped.
     */
    public static String line(String label, long done, long total, LongFunction<String> amount, int columns) {
        String amounts = amount.apply(done) + (total > 0 ? " / " + amount.apply(total) : "");
        String prefix = label.isEmpty() ? "" : label + " ";
        int fixed = prefix.length() + 2 + 4 + 2 + amounts.length();
        int width = Math.min(30, columns - 1 - fixed - 2);
        if (total <= 0 || width < 10) {
            return prefix + amounts;
        }
        return prefix + bar(done, total, width) + " " + percent(done, total) + "  " + amounts;
    }
}
