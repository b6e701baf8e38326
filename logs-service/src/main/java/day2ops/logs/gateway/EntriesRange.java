package day2ops.logs.gateway;

import day2ops.logs.journal.LogRequestException;

/**
 * A parsed {@code Range} header of systemd-journal-gatewayd's {@code /entries}:
 * {@code entries=[cursor][[:num_skip]:[num_entries]]} or {@code realtime=[since]:[until][[:num_skip]:num_entries]}.
 *
 * <p>{@code entries=} follows gatewayd exactly: leading whitespace skipped, the cursor ends at the
 * first whitespace, {@code num_skip} is a signed 64-bit integer, {@code num_entries} a positive one.
 * A header in another unit is ignored, as gatewayd does. {@code realtime=} is documented by gatewayd but
 * not implemented there; here {@code since}/{@code until} are seconds since the epoch (decimals
 * allowed, microsecond precision), {@code until} inclusive.
 *
 * @param cursor the cursor to start at, or {@code null}
 * @param skip entries to skip first (negative: backwards)
 * @param entries how many entries, or -1 for no limit
 * @param sinceMicros realtime lower bound (µs), or -1
 * @param untilMicros realtime upper bound (µs), or -1
 */
public record EntriesRange(String cursor, long skip, long entries, long sinceMicros, long untilMicros) {

    public static final EntriesRange NONE = new EntriesRange(null, 0, -1, -1, -1);

    private static final String FAILED = "Failed to parse Range header: ";

    public static EntriesRange parse(String header) {
        if (header == null) {
            return NONE;
        }
        if (header.startsWith("entries=")) {
            return parseEntries(header.substring("entries=".length()));
        }
        if (header.startsWith("realtime=")) {
            return parseRealtime(header.substring("realtime=".length()));
        }
        return NONE;
    }

    private static EntriesRange parseEntries(String spec) {
        String range = stripLeading(spec);
        int colon = range.indexOf(':');
        String cursor;
        long skip = 0;
        long entries = -1;
        if (colon < 0) {
            cursor = range;
        } else {
            int colon2 = range.indexOf(':', colon + 1);
            if (colon2 >= 0) {
                skip = signed(range.substring(colon + 1, colon2), "num_skip");
            }
            String count = range.substring((colon2 >= 0 ? colon2 : colon) + 1);
            if (!count.isEmpty()) {
                entries = positive(count);
            }
            cursor = range.substring(0, colon);
        }
        int ws = firstWhitespace(cursor);
        if (ws >= 0) {
            cursor = cursor.substring(0, ws);
        }
        return new EntriesRange(cursor.isEmpty() ? null : cursor, skip, entries, -1, -1);
    }

    private static EntriesRange parseRealtime(String spec) {
        String[] parts = spec.trim().split(":", -1);
        if (parts.length < 2 || parts.length > 4) {
            throw LogRequestException.badRequest(FAILED + "realtime= needs [since]:[until][[:num_skip]:num_entries]");
        }
        long since = parts[0].isEmpty() ? -1 : seconds(parts[0], "since");
        long until = parts[1].isEmpty() ? -1 : seconds(parts[1], "until");
        if (since >= 0 && until >= 0 && until < since) {
            throw LogRequestException.badRequest(FAILED + "until is before since");
        }
        long skip = 0;
        long entries = -1;
        if (parts.length == 3) {
            entries = parts[2].isEmpty() ? -1 : positive(parts[2]);
        } else if (parts.length == 4) {
            skip = parts[2].isEmpty() ? 0 : signed(parts[2], "num_skip");
            entries = parts[3].isEmpty() ? -1 : positive(parts[3]);
        }
        return new EntriesRange(null, skip, entries, since, until);
    }

    private static long seconds(String text, String what) {
        try {
            java.math.BigDecimal value = new java.math.BigDecimal(text.trim());
            if (value.signum() < 0) {
                throw LogRequestException.badRequest(FAILED + what + " '" + text + "' is negative");
            }
            return value.movePointRight(6).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw LogRequestException.badRequest(FAILED + what + " '" + text + "' is not a number of seconds");
        }
    }

    private static long signed(String text, String what) {
        try {
            return Long.parseLong(stripLeading(text));
        } catch (NumberFormatException e) {
            throw LogRequestException.badRequest(FAILED + what + " '" + text + "' is not an integer");
        }
    }

    private static long positive(String text) {
        String t = stripLeading(text);
        long value;
        try {
            value = Long.parseUnsignedLong(t.startsWith("+") ? t.substring(1) : t);
        } catch (NumberFormatException e) {
            throw LogRequestException.badRequest(FAILED + "num_entries '" + text + "' is not a non-negative integer");
        }
        if (value <= 0) {
            throw LogRequestException.badRequest(FAILED + "num_entries must be positive, got '" + text + "'");
        }
        return value;
    }

    private static String stripLeading(String s) {
        int i = 0;
        while (i < s.length() && isWhitespace(s.charAt(i))) {
            i++;
        }
        return s.substring(i);
    }

    private static int firstWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** systemd's WHITESPACE: space, tab, newline, carriage return. */
    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
