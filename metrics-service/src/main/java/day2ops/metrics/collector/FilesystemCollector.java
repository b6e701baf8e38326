package day2ops.metrics.collector;

import day2ops.metrics.Metric;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code filesystem.capacity.total|used|free} (bytes) and {@code filesystem.inode.total|used|free}
 * (count), tag {@code path}, for every real filesystem in {@code <procfs>/mounts}.
 *
 * <p>Sizes come from statfs(2). The JVM offers no inode counts and this module loads no native
 * code, so statfs is asked of coreutils' {@code stat -f} — one process per collection for all
 * mounts, bounded by a timeout so a hung network mount cannot stall the collector.
 */
public final class FilesystemCollector implements Collector {

    /** Pseudo and virtual filesystem types that have no capacity worth reporting. */
    static final Set<String> PSEUDO_TYPES = Set.of("autofs", "binfmt_misc", "bpf", "cgroup", "cgroup2",
            "configfs", "debugfs", "devpts", "devtmpfs", "efivarfs", "fusectl", "hugetlbfs", "mqueue", "nsfs",
            "overlay", "proc", "procfs", "pstore", "rpc_pipefs", "securityfs", "selinuxfs", "squashfs", "sysfs",
            "tracefs", "ramfs", "fuse.lxcfs", "fuse.gvfsd-fuse", "nfsd", "iso9660");

    /** Mount points below these hold kernel interfaces, not storage. */
    static final List<String> PSEUDO_ROOTS = List.of("/proc", "/sys", "/dev", "/run/credentials");

    /** One filesystem's statfs(2) numbers. */
    public record Statfs(String path, long fragmentSize, long blocks, long blocksFree, long blocksAvailable,
            long files, long filesFree) {
    }

    /** Runs statfs for a list of mount points and returns the raw {@code stat -f} output. */
    @FunctionalInterface
    public interface StatfsReader {
        String read(List<String> mountPoints) throws IOException;
    }

    /** {@code stat -f --printf} fields: fragment size, blocks, free, available, inodes, free inodes, path. */
    static final String STAT_FORMAT = "%S %b %f %a %c %d %n\\n";

    private final Path mounts;
    private final StatfsReader statfs;

    public FilesystemCollector(Path procfs, StatfsReader statfs) {
        this.mounts = procfs.resolve("mounts");
        this.statfs = statfs;
    }

    /** The production reader: {@code stat -f}, killed after {@code timeoutMillis}. */
    public static StatfsReader statCommand(long timeoutMillis) {
        return mountPoints -> {
            if (mountPoints.isEmpty()) {
                return "";
            }
            List<String> command = new ArrayList<>(List.of("stat", "-f", "--printf", STAT_FORMAT, "--"));
            command.addAll(mountPoints);
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (InputStream out = process.getInputStream()) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                out.transferTo(buffer);
                if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IOException("stat -f did not finish within " + timeoutMillis + " ms");
                }
                // Exit status 1 only means some mount could not be read; the rest are reported.
                return buffer.toString(StandardCharsets.UTF_8);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running stat -f", e);
            }
        };
    }

    @Override
    public String name() {
        return "filesystem";
    }

    @Override
    public List<Metric> collect() throws IOException {
        List<String> points = parseMounts(ProcFiles.read(mounts));
        return toMetrics(parseStatOutput(statfs.read(points)));
    }

    /**
     * The mount points of real filesystems in a {@code mounts} file, in order, each once (a
     * point mounted over keeps its first position), with octal escapes ({@code \040}) decoded.
     */
    public static List<String> parseMounts(String content) {
        Map<String, Boolean> points = new LinkedHashMap<>();
        for (String line : content.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 3) {
                continue;
            }
            String point = unescape(fields[1]);
            if (PSEUDO_TYPES.contains(fields[2]) || underPseudoRoot(point) || point.indexOf('\n') >= 0) {
                continue;
            }
            points.putIfAbsent(point, Boolean.TRUE);
        }
        return new ArrayList<>(points.keySet());
    }

    /** Parses {@code stat -f --printf} output in {@link #STAT_FORMAT}. */
    public static List<Statfs> parseStatOutput(String output) {
        List<Statfs> result = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(" ", 7);
            if (fields.length < 7) {
                throw new IllegalArgumentException("stat -f: expected 7 fields in '" + line + "'");
            }
            result.add(new Statfs(fields[6], Long.parseLong(fields[0]), Long.parseLong(fields[1]),
                    Long.parseLong(fields[2]), Long.parseLong(fields[3]), Long.parseLong(fields[4]),
                    Long.parseLong(fields[5])));
        }
        return result;
    }

    /**
     * Capacity as df(1) shows it: used = blocks − free, free = blocks available to unprivileged
     * users (so used + free is less than total by the root reserve).
     */
    public static List<Metric> toMetrics(List<Statfs> filesystems) {
        List<Metric> metrics = new ArrayList<>();
        for (Statfs fs : filesystems) {
            Map<String, String> tags = Map.of("path", fs.path());
            metrics.add(Metric.gauge("filesystem.capacity.total", "bytes", (double) fs.blocks() * fs.fragmentSize(), tags));
            metrics.add(Metric.gauge("filesystem.capacity.used", "bytes",
                    (double) (fs.blocks() - fs.blocksFree()) * fs.fragmentSize(), tags));
            metrics.add(Metric.gauge("filesystem.capacity.free", "bytes",
                    (double) fs.blocksAvailable() * fs.fragmentSize(), tags));
            metrics.add(Metric.gauge("filesystem.inode.total", "count", fs.files(), tags));
            metrics.add(Metric.gauge("filesystem.inode.used", "count", fs.files() - fs.filesFree(), tags));
            metrics.add(Metric.gauge("filesystem.inode.free", "count", fs.filesFree(), tags));
        }
        return metrics;
    }

    private static boolean underPseudoRoot(String point) {
        for (String root : PSEUDO_ROOTS) {
            if (point.equals(root) || point.startsWith(root + "/")) {
                return true;
            }
        }
        return false;
    }

    static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1)) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }
}
