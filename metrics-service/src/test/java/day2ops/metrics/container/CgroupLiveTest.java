package day2ops.metrics.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import day2ops.metrics.Metric;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Real cgroups: the test creates a container cgroup (v1 under each controller, and v2 on the
 * unified mount when writable), moves a child process into it, lets it burn CPU and memory, and
 * reads the counters through {@link CgroupContainerSource}. Skipped, with the reason printed, only
 * when cgroups cannot be created here.
 */
class CgroupLiveTest {

    private static final Path ROOT = Path.of("/sys/fs/cgroup");
    private static final String CONTAINER = "ctr-live";

    @Test
    void v1CountersMoveWhenTheContainerBurnsCpuAndMemory() throws Exception {
        String hierarchy = "day2ops-test-" + UUID.randomUUID();
        List<Path> created = new ArrayList<>();
        try {
            for (String controller : List.of("cpuacct", "cpu", "memory")) {
                Path dir = ROOT.resolve(controller).resolve(hierarchy).resolve(CONTAINER);
                if (!tryCreate(dir, created, "cgroup v1 controller " + controller)) {
                    return;
                }
            }
            CgroupContainerSource source = new CgroupContainerSource(ROOT, hierarchy, CgroupContainerSource.Version.V1,
                    Path.of("/proc"), Clock.systemUTC());
            Map<String, Double> idle = values(source);
            assertEquals(0.0, idle.get("processes"));

            burnInside(List.of(ROOT.resolve("cpuacct").resolve(hierarchy).resolve(CONTAINER),
                    ROOT.resolve("cpu").resolve(hierarchy).resolve(CONTAINER),
                    ROOT.resolve("memory").resolve(hierarchy).resolve(CONTAINER)), () -> {
                        Map<String, Double> busy = values(source);
                        assertEquals(1.0, busy.get("processes"), busy.toString());
                        assertTrue(busy.get("threads") > 1, busy.toString());
                        double cpu = busy.get("cpus.user.time") + busy.get("cpus.system.time");
                        assertTrue(cpu >= 0.5, "CPU seconds " + cpu + " in " + busy);
                        assertTrue(busy.get("mem.total") > 64.0 * 1024 * 1024, busy.toString());
                        assertTrue(busy.get("mem.rss") > 64.0 * 1024 * 1024, busy.toString());
                        assertTrue(busy.containsKey("cpus.nr.periods"), busy.toString());
                    });
        } finally {
            removeAll(created);
        }
    }

    @Test
    void v2CountersMoveWhenTheContainerBurnsCpu() throws Exception {
        Path unified = Files.exists(ROOT.resolve("cgroup.controllers")) ? ROOT : ROOT.resolve("unified");
        Assumptions.assumeTrue(Files.exists(unified.resolve("cgroup.procs")),
                () -> report("no cgroup v2 hierarchy at " + unified));
        String hierarchy = "day2ops-test-" + UUID.randomUUID();
        List<Path> created = new ArrayList<>();
        try {
            Path dir = unified.resolve(hierarchy).resolve(CONTAINER);
            if (!tryCreate(dir, created, "cgroup v2 at " + unified)) {
                return;
            }
            CgroupContainerSource source = new CgroupContainerSource(unified, hierarchy,
                    CgroupContainerSource.Version.V2, Path.of("/proc"), Clock.systemUTC());
            assertEquals(0.0, values(source).get("processes"));
            burnInside(List.of(dir), () -> {
                Map<String, Double> busy = values(source);
                assertEquals(1.0, busy.get("processes"), busy.toString());
                double cpu = busy.get("cpus.user.time") + busy.get("cpus.system.time");
                assertTrue(cpu >= 0.5, "CPU seconds " + cpu + " in " + busy);
                if (Files.exists(dir.resolve("memory.current"))) {
                    assertTrue(busy.get("mem.total") > 64.0 * 1024 * 1024, busy.toString());
                } else {
                    System.out.println("CgroupLiveTest: memory controller not enabled on " + unified
                            + " (bound to v1 here), v2 memory counters not checked");
                }
            });
        } finally {
            removeAll(created);
        }
    }

    private interface Check {
        void run() throws Exception;
    }

    /** Starts a {@link Burner}, moves it into every cgroup dir, lets it burn, runs the check, ends it. */
    private static void burnInside(List<Path> cgroups, Check check) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process burner = new ProcessBuilder(java, "-Xmx256m", "-Xms16m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), Burner.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream stdin = burner.getOutputStream();
                BufferedReader stdout = new BufferedReader(
                        new InputStreamReader(burner.getInputStream(), StandardCharsets.UTF_8))) {
            for (Path cgroup : cgroups) {
                Files.writeString(cgroup.resolve("cgroup.procs"), Long.toString(burner.pid()));
            }
            stdin.write("go\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            String line = stdout.readLine();
            assertTrue(line != null && line.startsWith("ready"), "burner said " + line);
            check.run();
        } finally {
            burner.destroy();
            if (!burner.waitFor(10, TimeUnit.SECONDS)) {
                burner.destroyForcibly();
                burner.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static Map<String, Double> values(CgroupContainerSource source) throws IOException {
        List<ContainerSample> samples = source.containers();
        assertEquals(List.of(CONTAINER), samples.stream().map(ContainerSample::containerId).toList());
        return samples.get(0).metrics().stream().collect(Collectors.toMap(Metric::name, Metric::value));
    }

    private static boolean tryCreate(Path dir, List<Path> created, String what) {
        try {
            Path parent = dir.getParent();
            Files.createDirectory(parent);
            created.add(parent);
            Files.createDirectory(dir);
            created.add(dir);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            Assumptions.abort(report("cannot create " + what + " (" + dir + "): " + e));
            return false;
        }
    }

    private static void removeAll(List<Path> created) throws InterruptedException {
        for (int i = created.size() - 1; i >= 0; i--) {
            // A cgroup can be removed only once its last process has gone; give the kernel a moment.
            for (int attempt = 0; attempt < 50; attempt++) {
                try {
                    Files.deleteIfExists(created.get(i));
                    break;
                } catch (IOException e) {
                    Thread.sleep(100);
                }
            }
        }
    }

    private static String report(String reason) {
        String message = "CgroupLiveTest skipped: " + reason;
        System.out.println(message);
        return message;
    }
}
