package day2ops.metrics.statsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import day2ops.metrics.prometheus.Exposition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** StatsD over real UDP sockets on loopback. */
class StatsdUdpTest {

    @TempDir
    Path temp;

    private StatsdServer server;
    private DatagramSocket client;

    @BeforeEach
    void start() throws IOException {
        server = new StatsdServer(List.of(50.0, 90.0, 99.0), 1 << 20, Path.of("/proc"), Clock.systemUTC());
        client = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.close();
    }

    private void send(int port, String payload) throws IOException {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        client.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
    }

    /** Delivery over UDP is asynchronous: wait (bounded) until the listener has seen what was sent. */
    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    private static StatsdSnapshot.Series series(StatsdSnapshot snapshot, String name) {
        return snapshot.series().stream().filter(s -> s.key().name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + snapshot));
    }

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-21T12:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void idleSeriesDisappearFromAppDatapointsAndExpositionAfterTheExpiry() throws Exception {
        ManualClock clock = new ManualClock();
        try (StatsdServer expiring = new StatsdServer(List.of(50.0), Duration.ofMinutes(5), 1 << 16, Path.of("/proc"),
                clock)) {
            StatsdListener listener = expiring.open("ctr-expiry", "127.0.0.1", 0);
            send(listener.port(), "jobs.done:3|c\nworkers:4|g");
            awaitTrue(() -> listener.packetsReceived() == 1, "1 packet");
            clock.advance(Duration.ofSeconds(10));
            expiring.flushAll();
            assertTrue(names(listener).containsAll(List.of("jobs.done", "jobs.done.total", "workers")), names(listener).toString());
            assertTrue(exposition(listener).contains("jobs_done_total 3"), exposition(listener));

            // Only the gauge keeps being updated; six minutes later the counter is gone.
            for (int minute = 1; minute <= 6; minute++) {
                send(listener.port(), "workers:" + (4 + minute) + "|g");
                long expected = 1 + minute;
                awaitTrue(() -> listener.packetsReceived() == expected, expected + " packets");
                clock.advance(Duration.ofMinutes(1));
                expiring.flushAll();
            }
            assertEquals(List.of("workers"), names(listener));
            String text = exposition(listener);
            assertTrue(!text.contains("jobs_done") && text.contains("workers 10"), text);

            send(listener.port(), "jobs.done:2|c");
            awaitTrue(() -> listener.packetsReceived() == 8, "8 packets");
            clock.advance(Duration.ofSeconds(10));
            expiring.flushAll();
            assertTrue(exposition(listener).contains("jobs_done_total 2"), exposition(listener));
        }
    }

    private static List<String> names(StatsdListener listener) {
        return StatsdFormats.datapoints(listener.latest(), Map.of()).stream().map(d -> d.name()).distinct().toList();
    }

    private static String exposition(StatsdListener listener) {
        Exposition out = new Exposition();
        StatsdFormats.expose(listener.latest(), Map.of(), out);
        return out.render();
    }

    @Test
    void aggregatesEveryTypeSentOverUdp() throws Exception {
        StatsdListener node = server.open(StatsdServer.NODE, "127.0.0.1", 0);
        send(node.port(), "hits:1|c\nhits:2|c|@0.5\nqueue:10|g\nqueue:-4|g");
        send(node.port(), "lat:1:2:3|ms\nsize:10|h|#env:prod\ndist:5|d\nusers:a|s\nusers:b|s\nusers:a|s");
        send(node.port(), "multi:1|c:20|ms");
        awaitTrue(() -> node.packetsReceived() == 3, "3 packets");
        server.flushAll();

        StatsdSnapshot snapshot = node.latest();
        assertEquals(5.0, series(snapshot, "hits").count());
        assertEquals(6.0, series(snapshot, "queue").value());
        StatsdSnapshot.Series lat = series(snapshot, "lat");
        assertEquals(3.0, lat.count());
        assertEquals(6.0, lat.sum());
        assertEquals(1.0, lat.min());
        assertEquals(3.0, lat.max());
        assertEquals(2.0, lat.quantiles().get(50.0));
        assertEquals(Map.of("env", "prod"), series(snapshot, "size").key().tags());
        assertEquals(1.0, series(snapshot, "dist").count());
        assertEquals(2.0, series(snapshot, "users").count());
        assertEquals(2, snapshot.series().stream().filter(s -> s.key().name().equals("multi")).count());
        assertEquals(11, node.linesParsed());
        assertEquals(0, node.linesMalformed());
    }

    @Test
    void randomBytesAreCountedAsMalformedAndTheListenerKeepsServing() throws Exception {
        StatsdListener node = server.open(StatsdServer.NODE, "127.0.0.1", 0);
        Random random = new Random(20261121L);
        int datagrams = 500;
        for (int i = 0; i < datagrams; i++) {
            byte[] garbage = new byte[1 + random.nextInt(1400)];
            random.nextBytes(garbage);
            client.send(new DatagramPacket(garbage, garbage.length, InetAddress.getLoopbackAddress(), node.port()));
        }
        send(node.port(), "alive:1|c\n:::|||\nx:1|zz");
        awaitTrue(() -> node.packetsReceived() == datagrams + 1, (datagrams + 1) + " packets");
        server.flushAll();

        assertTrue(node.linesMalformed() >= datagrams / 2, "malformed " + node.linesMalformed());
        assertEquals(1.0, series(node.latest(), "alive").count());
        send(node.port(), "after:1|c");
        awaitTrue(() -> node.packetsReceived() == datagrams + 2, "the packet after the fuzz");
    }

    @Test
    void kernelDropsComeFromTheProcNetUdpDropsColumn() throws Exception {
        Path proc = temp.resolve("proc");
        Files.createDirectories(proc.resolve("net"));
        try (StatsdServer fixtureServer = new StatsdServer(List.of(50.0), 1 << 16, proc, Clock.systemUTC())) {
            StatsdListener listener = fixtureServer.open("c1", "127.0.0.1", 0);
            Files.writeString(proc.resolve("net/udp"), String.format(
                    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n"
                            + "  7: 0100007F:%04X 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4242 2 0000000000000000 31\n",
                    listener.port()));
            fixtureServer.flushAll();
            assertEquals(31, listener.kernelDrops());
        }
    }

    @Test
    void closingAContainerListenerFlushesItsLastValues() throws Exception {
        StatsdListener listener = server.open("short-lived", "127.0.0.1", 0);
        send(listener.port(), "jobs.done:4|c");
        awaitTrue(() -> listener.packetsReceived() == 1, "1 packet");
        Optional<StatsdSnapshot> last = server.close("short-lived");
        assertEquals(4.0, series(last.orElseThrow(), "jobs.done").count());
        assertEquals(4.0, series(server.latest("short-lived").orElseThrow(), "jobs.done").count(),
                "still served until the next flushes");
        server.flushAll();
        assertTrue(server.latest("short-lived").isPresent(), "kept for one more interval");
        server.flushAll();
        assertTrue(server.latest("short-lived").isEmpty(), "gone after two intervals");
    }

    @Test
    void containerRegistrationSurvivesRestartOnTheSamePort() throws Exception {
        Path state = temp.resolve("state/statsd-containers.json");
        StatsdContainerRegistry registry = new StatsdContainerRegistry(server, state, "127.0.0.1", 47200, 47299);
        StatsdContainerRegistry.Result result = registry.register("c-1", Optional.empty());
        int port = ((StatsdContainerRegistry.Result.Created) result).registration().statsdPort();
        assertTrue(port >= 47200 && port <= 47299);
        assertTrue(registry.register("c-1", Optional.empty()) instanceof StatsdContainerRegistry.Result.Exists);
        assertTrue(registry.register("c-2", Optional.of(port)) instanceof StatsdContainerRegistry.Result.PortTaken);
        server.close();

        try (StatsdServer restarted = new StatsdServer(List.of(50.0), 1 << 16, Path.of("/proc"), Clock.systemUTC())) {
            StatsdContainerRegistry restored = new StatsdContainerRegistry(restarted, state, "127.0.0.1", 47200, 47299);
            restored.restore();
            assertEquals(port, restored.get("c-1").orElseThrow().statsdPort());
            StatsdListener listener = restarted.listener("c-1").orElseThrow();
            assertEquals(port, listener.port());
            send(port, "after.restart:1|c");
            awaitTrue(() -> listener.packetsReceived() == 1, "a packet on the restored port");

            assertTrue(restored.deregister("c-1"));
            StatsdContainerRegistry again = new StatsdContainerRegistry(restarted, state, "127.0.0.1", 47200, 47299);
            again.restore();
            assertTrue(again.all().isEmpty(), "removal is persisted too");
        }
    }
}
