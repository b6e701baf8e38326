package day2ops.metrics.statsd;

import java.util.HashMap;
import java.util.Map;

/** The kernel's per-socket UDP drop counters from {@code /proc/net/udp} and {@code /proc/net/udp6}. */
public final class UdpDrops {

    private UdpDrops() {
    }

    /**
     * Drops per local port: the last column ({@code drops}) of each socket line, summed over
     * sockets on the same port. Lines that do not parse are skipped (the header, truncated lines).
     */
    public static Map<Integer, Long> parse(String content) {
        Map<Integer, Long> drops = new HashMap<>();
        for (String line : content.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 13 || !fields[0].endsWith(":")) {
                continue;
            }
            int colon = fields[1].lastIndexOf(':');
            if (colon < 0) {
                continue;
            }
            try {
                int port = Integer.parseInt(fields[1].substring(colon + 1), 16);
                long dropped = Long.parseLong(fields[fields.length - 1]);
                drops.merge(port, dropped, Long::sum);
            } catch (NumberFormatException e) {
                // Not a socket line.
            }
        }
        return drops;
    }
}
