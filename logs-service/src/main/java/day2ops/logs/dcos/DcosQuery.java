package day2ops.logs.dcos;

import day2ops.logs.journal.LogRequestException;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Query parameters of the DC/OS Logging API, validated with precise 400 reasons.
 *
 * @param filters {@code filter=FIELD:value} (split on the first {@code :}, so values may contain {@code :})
 * @param limit entries at most, -1 for no limit
 * @param skip entries to skip: positive forwards, negative backwards (v1's {@code skip_next} / {@code -skip_prev})
 * @param cursor a journal cursor, {@code BEG}, {@code END}, or {@code null}
 * @param readReverse read backwards (v1)
 */
public record DcosQuery(List<Map.Entry<String, String>> filters, long limit, long skip, String cursor, boolean readReverse) {

    public static DcosQuery v1(MultiMap q, boolean stream) {
        if (stream && q.contains("limit")) {
            throw LogRequestException.badRequest("limit is not supported on /v1/stream/ (a stream has no end)");
        }
        if (stream && q.contains("read_reverse")) {
            throw LogRequestException.badRequest("read_reverse is not supported on /v1/stream/");
        }
        long skipNext = nonNegative(q, "skip_next");
        long skipPrev = nonNegative(q, "skip_prev");
        if (skipNext > 0 && skipPrev > 0) {
            throw LogRequestException.badRequest("skip_next and skip_prev cannot be combined");
        }
        String cursor = single(q, "cursor");
        if (cursor != null && cursor.isEmpty()) {
            throw LogRequestException.badRequest("cursor must not be empty");
        }
        return new DcosQuery(filters(q), limit(q), skipNext > 0 ? skipNext : -skipPrev, cursor,
                bool(q, "read_reverse"));
    }

    public static DcosQuery v2(MultiMap q) {
        String cursor = single(q, "cursor");
        if (cursor != null && cursor.isEmpty()) {
            throw LogRequestException.badRequest("cursor must not be empty (use BEG, END or a journal cursor)");
        }
        long skip = 0;
        String skipText = single(q, "skip");
        if (skipText != null) {
            try {
                skip = Long.parseLong(skipText);
            } catch (NumberFormatException e) {
                throw LogRequestException.badRequest("skip must be an integer (negative reads backwards), got '" + skipText + "'");
            }
        }
        return new DcosQuery(filters(q), limit(q), skip, cursor, false);
    }

    static List<Map.Entry<String, String>> filters(MultiMap q) {
        List<Map.Entry<String, String>> filters = new ArrayList<>();
        for (String filter : q.getAll("filter")) {
            int colon = filter.indexOf(':');
            if (colon <= 0) {
                throw LogRequestException.badRequest("filter must be FIELD:value, got '" + filter + "'");
            }
            String field = filter.substring(0, colon);
            String problem = fieldProblem(field);
            if (problem != null) {
                throw LogRequestException.badRequest("filter '" + filter + "': " + problem);
            }
            filters.add(Map.entry(field, filter.substring(colon + 1)));
        }
        return filters;
    }

    static String fieldProblem(String field) {
        if (field.startsWith("__")) {
            return "field " + field + " cannot be matched";
        }
        if (field.length() > 64 || (field.charAt(0) >= '0' && field.charAt(0) <= '9')) {
            return "invalid field name " + field;
        }
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
                return "invalid field name " + field + " (only A-Z, 0-9 and _ are allowed)";
            }
        }
        return null;
    }

    private static long limit(MultiMap q) {
        String text = single(q, "limit");
        if (text == null) {
            return -1;
        }
        try {
            long limit = Long.parseLong(text);
            if (limit > 0) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw LogRequestException.badRequest("limit must be a positive integer, got '" + text + "'");
    }

    private static long nonNegative(MultiMap q, String name) {
        String text = single(q, name);
        if (text == null) {
            return 0;
        }
        try {
            long value = Long.parseLong(text);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw LogRequestException.badRequest(name + " must be a non-negative integer, got '" + text + "'");
    }

    private static boolean bool(MultiMap q, String name) {
        String text = single(q, name);
        if (text == null) {
            return false;
        }
        switch (text.toLowerCase(Locale.ROOT)) {
            case "", "1", "true", "yes":
                return true;
            case "0", "false", "no":
                return false;
            default:
                throw LogRequestException.badRequest(name + " must be true or false, got '" + text + "'");
        }
    }

    private static String single(MultiMap q, String name) {
        List<String> values = q.getAll(name);
        if (values.size() > 1) {
            throw LogRequestException.badRequest(name + " given " + values.size() + " times");
        }
        return values.isEmpty() ? null : values.get(0);
    }
}
