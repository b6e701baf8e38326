package day2ops.metrics.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import day2ops.metrics.Metric;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Real network namespace: the test creates one ({@code ip netns add}) joined to this host by a
 * veth pair, starts a shell inside it, puts the shell into a real cgroup (v1, or v2 on a unified
 * mount), sends datagrams
 * both ways and a megabyte over the namespace's loopback, and reads {@code net.rx|tx.*} through
 * {@link CgroupContainerSource}. Skipped, saying why, only where namespaces or cgroups cannot be
 * created (not root).
 */
class CgroupNetworkLiveTest {

    private static final Path CGROUPS = Path.of("/sys/fs/cgroup");
    private static final String CONTAINER = "ctr-net";
    private static final int TO_CONTAINER = 30;
    private static final int FROM_CONTAINER = 20;
    private static final int PAYLOAD = 200;

    @Test
    void countersAreThoseOfTheContainersNamespaceWithoutLoopback() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String namespace = "d2o-test-" + suffix;
        String hostEnd = "d2oh" + suffix;
        String containerEnd = "d2oc" + suffix;
        int subnet = ThreadLocalRandom.current().nextInt(0, 64) * 4;
        String hostIp = "10.254." + ThreadLocalRandom.current().nextInt(1, 255) + ".";
        String containerIp = hostIp + (subnet + 2);
        hostIp = hostIp + (subnet + 1);
        String hierarchy = "day2ops-test-" + suffix;
        List<Path> cgroups = new ArrayList<>();
        Process shell = null;
        boolean namespaceCreated = false;
        try {
            Assumptions.assumeTrue(run("ip", "netns", "add", namespace) == 0,
                    () -> report("cannot create a network namespace (ip netns add)"));
            namespaceCreated = true;
            check("ip", "link", "add", hostEnd, "type", "veth", "peer", "name", containerEnd);
            check("ip", "link", "set", containerEnd, "netns", namespace);
            check("ip", "addr", "add", hostIp + "/30", "dev", hostEnd);
            check("ip", "link", "set", hostEnd, "up");
            check("ip", "netns", "exec", namespace, "ip", "addr", "add", containerIp + "/30", "dev", containerEnd);
            check("ip", "netns", "exec", namespace, "ip", "link", "set", containerEnd, "up");
            check("ip", "netns", "exec", namespace, "ip", "link", "set", "lo", "up");
            CgroupContainerSource.Version version = CgroupContainerSource.Version.detect(CGROUPS);
            List<Path> containerDirs = version == CgroupContainerSource.Version.V2
                    ? List.of(CGROUPS.resolve(hierarchy).resolve(CONTAINER))
                    : List.of(CGROUPS.resolve("cpuacct").resolve(hierarchy).resolve(CONTAINER),
                            CGROUPS.resolve("memory").resolve(hierarchy).resolve(CONTAINER));
            for (Path dir : containerDirs) {
                try {
                    Files.createDirectory(dir.getParent());
                    cgroups.add(dir.getParent());
                    Files.createDirectory(dir);
                    cgroups.add(dir);
                } catch (IOException e) {
                    Assumptions.abort(report("cannot create cgroup " + dir + ": " + e));
                }
            }

            // The shell waits to be moved into the cgroup, sends its datagrams out of the veth and
            // a megabyte to itself over loopback, then stays so its namespace can be read.
            String script = "read go; for i in $(seq " + FROM_CONTAINER + "); do echo from-the-container > /dev/udp/"
                    + hostIp + "/9; done; payload=$(head -c 1000 /dev/zero | tr '\\0' x);"
                    + " for i in $(seq 1000); do echo $payload > /dev/udp/127.0.0.1/9; done; echo sent; exec sleep 300";
            shell = new ProcessBuilder("ip", "netns", "exec", namespace, "bash", "-c", script)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            for (Path dir : containerDirs) {
                Files.writeString(dir.resolve("cgroup.procs"), Long.toString(shell.pid()));
            }
            CgroupContainerSource source = new CgroupContainerSource(CGROUPS, hierarchy, version, Path.of("/proc"),
                    Clock.systemUTC());
            Map<String, Double> before = values(source);
            assertEquals(1.0, before.get("processes"), before.toString());

            try (OutputStream stdin = shell.getOutputStream();
                    BufferedReader stdout = new BufferedReader(
                            new InputStreamReader(shell.getInputStream(), StandardCharsets.UTF_8))) {
                stdin.write("go\n".getBytes(StandardCharsets.UTF_8));
                stdin.flush();
                assertEquals("sent", stdout.readLine());
                try (DatagramSocket socket = new DatagramSocket()) {
                    byte[] payload = new byte[PAYLOAD];
                    for (int i = 0; i < TO_CONTAINER; i++) {
                        socket.send(new DatagramPacket(payload, payload.length, InetAddress.getByName(containerIp), 9));
                    }
                }
                // Counters are updated as packets pass; wait (bounded) until all datagrams are seen.
                Map<String, Double> after = values(source);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (after.getOrDefault("net.rx.packets", 0.0) - before.getOrDefault("net.rx.packets", 0.0)
                        < TO_CONTAINER && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                    after = values(source);
                }
                Map<String, Double> delta = new HashMap<>();
                for (String name : List.of("net.rx.packets", "net.rx.bytes", "net.tx.packets", "net.tx.bytes")) {
                    assertTrue(after.containsKey(name), name + " missing in " + after);
                    delta.put(name, after.get(name) - before.getOrDefault(name, 0.0));
                }
                // Ethernet + IPv4 + UDP headers are 42 bytes a datagram.
                assertTrue(delta.get("net.rx.packets") >= TO_CONTAINER, delta.toString());
                assertTrue(delta.get("net.rx.bytes") >= TO_CONTAINER * (PAYLOAD + 42), delta.toString());
                assertTrue(delta.get("net.tx.packets") >= FROM_CONTAINER, delta.toString());
                assertTrue(delta.get("net.tx.bytes") >= FROM_CONTAINER * (19 + 42), delta.toString());
                // The megabyte sent over loopback is not counted.
                assertTrue(after.get("net.tx.bytes") < 500_000 && after.get("net.rx.bytes") < 500_000, after.toString());
                assertEquals(0.0, after.get("net.rx.errors"), after.toString());
                assertEquals(0.0, after.get("net.tx.errors"), after.toString());
            }
        } finally {
            if (shell != null) {
                shell.destroy();
                if (!shell.waitFor(10, TimeUnit.SECONDS)) {
                    shell.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            if (namespaceCreated) {
                run("ip", "netns", "del", namespace);
            }
            run("ip", "link", "del", hostEnd);
            for (int i = cgroups.size() - 1; i >= 0; i--) {
                for (int attempt = 0; attempt < 50; attempt++) {
                    try {
                        Files.deleteIfExists(cgroups.get(i));
                        break;
                    } catch (IOException e) {
                        Thread.sleep(100);
                    }
                }
            }
        }
    }

    private static Map<String, Double> values(CgroupContainerSource source) throws IOException {
        List<ContainerSample> samples = source.containers();
        assertEquals(List.of(CONTAINER), samples.stream().map(ContainerSample::containerId).toList());
        return samples.get(0).metrics().stream().collect(Collectors.toMap(Metric::name, Metric::value));
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    private static void check(String... command) throws IOException, InterruptedException {
        assertEquals(0, run(command), String.join(" ", command));
    }

    private static String report(String reason) {
        String message = "CgroupNetworkLiveTest skipped: " + reason;
        System.out.println(message);
        return message;
    }
}
