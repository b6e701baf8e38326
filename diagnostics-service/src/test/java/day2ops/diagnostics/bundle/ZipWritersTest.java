package day2ops.diagnostics.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The zip writers sanitise every name they are given, and the cluster zip keeps concurrent nodes' entries whole. */
class ZipWritersTest {

    @Test
    void localZipSanitisesHostileEntryNames() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (ZipSink sink = new ZipSink(file, Long.MAX_VALUE, () -> false, (c, t, n) -> { })) {
            sink.entry("../../etc/cron.d/evil", "x".getBytes(StandardCharsets.UTF_8));
            sink.entry("/abs\\olute\0", "y".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(List.of("__/__/etc/cron.d/evil", "abs_olute_"),
                List.copyOf(BundleTesting.unzip(file.toByteArray()).keySet()));
    }

    @Test
    void localZipOverItsBudgetFails() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        ZipSink sink = new ZipSink(file, 1000, () -> false, (c, t, n) -> { });
        // Deflate holds back up to a block, so the check fires within a block of the budget.
        byte[] random = new byte[1024 * 1024];
        new java.util.Random(1).nextBytes(random);
        IOException e = assertThrows(IOException.class, () -> sink.entry("big", random));
        assertTrue(e.getMessage().startsWith("the bundle outgrew the room left"), e.getMessage());
    }

    @Test
    void canceledLocalZipStopsAtTheNextWrite() {
        ZipSink sink = new ZipSink(new ByteArrayOutputStream(), Long.MAX_VALUE, () -> true, (c, t, n) -> { });
        assertThrows(BundleCanceledException.class, () -> sink.startEntry("a", 0));
    }

    @Test
    void clusterZipPutsNodeNamesUnderTheNodeFolderSanitised() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (ClusterZip zip = new ClusterZip(file, Long.MAX_VALUE)) {
            ClusterZip.NodeWriter node = zip.writer("10.0.0.1_agent");
            node.start("../../../root/.ssh/authorized_keys", 0);
            node.write(ByteString.copyFromUtf8("k"));
            node.start("/etc/passwd", 0);
            node.end();
            ClusterZip.NodeWriter hostileFolder = zip.writer("../10.0.0.2_agent");
            hostileFolder.start("a", 0);
            hostileFolder.end();
        }
        assertEquals(List.of("10.0.0.1_agent/__/__/__/root/.ssh/authorized_keys", "10.0.0.1_agent/etc/passwd",
                "__/10.0.0.2_agent/a"), List.copyOf(BundleTesting.unzip(file.toByteArray()).keySet()));
    }

    @Test
    void clusterZipKeepsEntriesOfConcurrentNodesWhole() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        ExecutorService nodes = Executors.newFixedThreadPool(3);
        CountDownLatch start = new CountDownLatch(1);
        try (ClusterZip zip = new ClusterZip(file, Long.MAX_VALUE)) {
            List<Future<?>> done = new java.util.ArrayList<>();
            for (String ip : List.of("10.0.0.1", "10.0.0.2", "10.0.0.3")) {
                done.add(nodes.submit(() -> {
                    start.await();
                    ClusterZip.NodeWriter writer = zip.writer(ip + "_agent");
                    for (int entry = 0; entry < 20; entry++) {
                        writer.start("e" + entry, 0);
                        for (int chunk = 0; chunk < 10; chunk++) {
                            writer.write(ByteString.copyFromUtf8(ip + ":" + entry + ":" + chunk + "\n"));
                            Thread.yield();
                        }
                    }
                    writer.end();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            nodes.shutdownNow();
        }
        Map<String, String> entries = BundleTesting.unzip(file.toByteArray());
        assertEquals(60, entries.size());
        entries.forEach((name, content) -> {
            String ip = name.substring(0, name.indexOf('_'));
            String entry = name.substring(name.lastIndexOf('/') + 2);
            StringBuilder expected = new StringBuilder();
            for (int chunk = 0; chunk < 10; chunk++) {
                expected.append(ip).append(':').append(entry).append(':').append(chunk).append('\n');
            }
            assertEquals(expected.toString(), content, name);
        });
    }
}
