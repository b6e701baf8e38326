package day2ops.diagnostics.bundle;

import java.util.ArrayList;
import java.util.List;

/**
 * Zip entry names that cannot escape the folder a bundle is unpacked into (zip-slip): relative,
 * {@code /}-separated, no {@code .} or {@code ..} segment, no backslash, NUL or other control character.
 */
public final class EntryNames {

    private static final int MAX_SEGMENT = 200;

    private EntryNames() {
    }

    /**
     * A safe name for {@code raw}: control characters and backslashes become {@code _}, empty and {@code .}
     * segments are dropped, {@code ..} becomes {@code __}, a leading {@code /} (absolute path) is dropped,
     * long segments are cut; an empty result is {@code _}.
     */
    public static String sanitise(String raw) {
        StringBuilder cleaned = new StringBuilder(raw.length());
        raw.codePoints().forEach(c -> {
            if (c == '\\' || c < 0x20 || c == 0x7f) {
                cleaned.append('_');
            } else {
                cleaned.appendCodePoint(c);
            }
        });
        List<String> segments = new ArrayList<>();
        for (String segment : cleaned.toString().split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                segment = "__";
            }
            if (segment.length() > MAX_SEGMENT) {
                segment = segment.substring(0, MAX_SEGMENT);
            }
            segments.add(segment);
        }
        return segments.isEmpty() ? "_" : String.join("/", segments);
    }

    /** {@code name} is already what {@link #sanitise} makes of it. */
    public static boolean isSafe(String name) {
        return sanitise(name).equals(name);
    }
}
