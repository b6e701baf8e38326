package day2ops.metrics.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/** Pure parsers of cgroup interface files, and a tolerant reader (a missing controller file is "unknown"). */
public final class CgroupFiles {

    /** cgroup v1 reports "no limit" as the largest page-aligned long. */
    static final long V1_UNLIMITED = 0x7FFFFFFFFFFFF000L;

    private CgroupFiles() {
    }

    /** The content of a file, or null when the file (controller) does not exist. */
    static String readOrNull(Path file) throws IOException {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Parses flat-keyed files ({@code cpu.stat}, {@code memory.stat}, {@code cpuacct.stat}): {@code key value} lines. */
    public static Map<String, Long> parseFlatKeyed(String content) {
        Map<String, Long> values = new HashMap<>();
        if (content == null) {
            return values;
        }
        for (String line : content.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length == 2) {
                try {
                    values.put(fields[0], Long.parseLong(fields[1]));
                } catch (NumberFormatException e) {
                    // Not a number (a future format); skip the key.
                }
            }
        }
        return values;
    }

    /** Parses a single-value file; {@code max} (v2) and the v1 unlimited value give empty. */
    public static OptionalLong parseLimit(String content) {
        if (content == null) {
            return OptionalLong.empty();
        }
        String value = content.trim();
        if (value.isEmpty() || value.equals("max")) {
            return OptionalLong.empty();
        }
        long parsed = Long.parseLong(value);
        return parsed >= V1_UNLIMITED || parsed < 0 ? OptionalLong.empty() : OptionalLong.of(parsed);
    }

    /** Number of non-empty lines ({@code cgroup.procs}, {@code tasks}, {@code cgroup.threads}). */
    public static long countLines(String content) {
        if (content == null) {
            return 0;
        }
        long count = 0;
        for (String line : content.split("\n")) {
            if (!line.isBlank()) {
                count++;
            }
        }
        return count;
    }

    /** CPUs allowed by v2 {@code cpu.max} ("quota period" or "max period"); empty when unlimited. */
    public static java.util.OptionalDouble parseCpuMax(String content) {
        if (content == null) {
            return java.util.OptionalDouble.empty();
        }
        String[] fields = content.trim().split("\\s+");
        if (fields.length != 2 || fields[0].equals("max")) {
            return java.util.OptionalDouble.empty();
        }
        return java.util.OptionalDouble.of(Double.parseDouble(fields[0]) / Double.parseDouble(fields[1]));
    }

    /** Sums {@code rbytes}/{@code wbytes}/{@code rios}/{@code wios} over the devices of a v2 {@code io.stat}. */
    public static Map<String, Long> parseIoStat(String content) {
        Map<String, Long> totals = new HashMap<>();
        if (content == null) {
            return totals;
        }
        for (String line : content.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            for (int i = 1; i < fields.length; i++) {
                int eq = fields[i].indexOf('=');
                if (eq > 0) {
                    try {
                        totals.merge(fields[i].substring(0, eq), Long.parseLong(fields[i].substring(eq + 1)), Long::sum);
                    } catch (NumberFormatException e) {
                        // Skip non-numeric fields.
                    }
                }
            }
        }
        return totals;
    }

    /** Sums the {@code Read}/{@code Write} rows of a v1 {@code blkio.throttle.io_service_bytes} or {@code …io_serviced}. */
    public static Map<String, Long> parseBlkio(String content) {
        Map<String, Long> totals = new HashMap<>();
        if (content == null) {
            return totals;
        }
        for (String line : content.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length == 3) {
                try {
                    totals.merge(fields[1], Long.parseLong(fields[2]), Long::sum);
                } catch (NumberFormatException e) {
                    // Skip.
                }
            }
        }
        return totals;
    }
}
