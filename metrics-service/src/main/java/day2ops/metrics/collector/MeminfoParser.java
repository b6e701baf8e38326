package day2ops.metrics.collector;

import java.util.HashMap;
import java.util.Map;

/** {@code /proc/meminfo} as a map of field name to bytes; shared by the memory and swap collectors. */
final class MeminfoParser {

    private MeminfoParser() {
    }

    static Map<String, Long> parse(String content) {
        Map<String, Long> values = new HashMap<>();
        for (String line : content.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String[] rest = line.substring(colon + 1).trim().split("\\s+");
            if (rest.length == 0 || rest[0].isEmpty()) {
                continue;
            }
            long value = Long.parseLong(rest[0]);
            if (rest.length > 1 && rest[1].equals("kB")) {
                value *= 1024;
            }
            values.put(line.substring(0, colon), value);
        }
        return values;
    }

    static long require(Map<String, Long> values, String field) {
        Long value = values.get(field);
        if (value == null) {
            throw new IllegalArgumentException("meminfo: field " + field + " missing");
        }
        return value;
    }
}
