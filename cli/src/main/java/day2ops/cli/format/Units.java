package day2ops.cli.format;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Numbers for people: binary byte units, percentages, plain counts without a spurious {@code .0}. */
public final class Units {

    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Units() {
    }

    /**
     * {@code 0 B}, {@code 1023 B}, {@code 1.0 KiB}, {@code 1.5 MiB}, {@code 15.6 GiB}: one decimal from KiB on;
     * negative values keep their sign.
     */
    public static String bytes(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "-";
        }
        double magnitude = Math.abs(value);
        int unit = 0;
        while (magnitude >= 1024 && unit < BINARY.length - 1) {
            magnitude /= 1024;
            unit++;
        }
        // 1023.96 KiB rounds to "1024.0 KiB": move up one unit instead
        if (unit > 0 && unit < BINARY.length - 1 && Math.round(magnitude * 10) >= 10240) {
            magnitude /= 1024;
            unit++;
        }
        String sign = value < 0 ? "-" : "";
        return unit == 0 ? sign + (long) magnitude + " B"
                : sign + String.format(Locale.ROOT, "%.1f %s", magnitude, BINARY[unit]);
    }

    /** {@code 12.34%} (two decimals, as the metrics API rounds them). */
    public static String percent(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f%%", value);
    }

    /** {@code 42}, {@code 0.5}, {@code 1.25}: integral values without decimals, others as given (at most 4 decimals). */
    public static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "-";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** {@code 3d 4h 05m}, {@code 2h 00m}, {@code 59s}: a duration in seconds for people. */
    public static String duration(double seconds) {
        if (Double.isNaN(seconds) || seconds < 0) {
            return "-";
        }
        long s = (long) seconds;
        if (s < 60) {
            return s + "s";
        }
        long days = s / 86400;
        long hours = s % 86400 / 3600;
        long minutes = s % 3600 / 60;
        if (days > 0) {
            return String.format(Locale.ROOT, "%dd %dh %02dm", days, hours, minutes);
        }
        return hours > 0 ? String.format(Locale.ROOT, "%dh %02dm", hours, minutes)
                : String.format(Locale.ROOT, "%dm %02ds", minutes, s % 60);
    }
}
