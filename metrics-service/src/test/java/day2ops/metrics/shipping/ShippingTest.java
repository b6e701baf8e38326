package day2ops.metrics.shipping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import day2ops.metrics.config.MetricsConfig;
import day2ops.metrics.statsd.StatsdListener;
import day2ops.metrics.statsd.StatsdServer;
import day2ops.metrics.statsd.StatsdSnapshot;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.micrometer.statsd.StatsdMeterRegistry;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.Metric;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Shipping through real Micrometer push registries to receivers on loopback. */
class ShippingTest {

    private static final List<MeterBridge.Series> SERIES = List.of(
            new MeterBridge.Series("node.memory.total", Map.of(), false, 1024),
            new MeterBridge.Series("container.cpus.user.time", Map.of("container_id", "c1"), true, 2.5));

    @Test
    void statsdRegistryShipsToAStatsdReceiver() throws Exception {
        try (StatsdServer receiver = new StatsdServer(List.of(50.0), 1 << 20, Path.of("/proc"), Clock.systemUTC())) {
            StatsdListener listener = receiver.open("receiver", "127.0.0.1", 0);
            MetricsConfig.StatsdTarget target = new MetricsConfig.StatsdTarget() {
                @Override
                public boolean enabled() {
                    return true;
                }

                @Override
                public String host() {
                    return "127.0.0.1";
                }

                @Override
                public int port() {
                    return listener.port();
                }

                @Override
                public String flavor() {
                    return "datadog";
                }
            };
            StatsdMeterRegistry registry = ShippingService.statsdRegistry(target, Duration.ofMillis(100));
            try {
                MeterBridge bridge = new MeterBridge(List.of(registry));
                bridge.sync(SERIES);
                long deadline = System.nanoTime() + 15_000_000_000L;
                StatsdSnapshot snapshot = StatsdSnapshot.empty(java.time.Instant.EPOCH);
                while (System.nanoTime() < deadline) {
                    receiver.flushAll();
                    snapshot = listener.latest();
                    if (snapshot.series().stream().anyMatch(s -> s.key().name().equals("node.memory.total"))) {
                        break;
                    }
                    Thread.sleep(50);
                }
                StatsdSnapshot.Series memory = snapshot.series().stream()
                        .filter(s -> s.key().name().equals("node.memory.total")).findFirst()
                        .orElseThrow(() -> new AssertionError("receiver never got node.memory.total"));
                assertEquals(1024.0, memory.value());
                assertEquals(0, listener.linesMalformed(), "every shipped line parses");
                bridge.sync(List.of());
                assertEquals(0, bridge.size(), "series that disappeared are removed");
            } finally {
                registry.close();
            }
        }
    }

    @Test
    void otlpRegistryShipsProtobufToAnOtlpEndpoint() throws Exception {
        List<byte[]> bodies = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/v1/metrics", exchange -> {
            bodies.add(exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            OtlpMeterRegistry registry = ShippingService.otlpRegistry(
                    "http://127.0.0.1:" + receiver.getAddress().getPort() + "/v1/metrics", Duration.ofSeconds(60));
            new MeterBridge(List.of(registry)).sync(SERIES);
            registry.close();

            assertTrue(!bodies.isEmpty(), "closing the registry publishes");
            ExportMetricsServiceRequest request = ExportMetricsServiceRequest.parseFrom(bodies.get(bodies.size() - 1));
            List<String> names = request.getResourceMetricsList().stream()
                    .flatMap(r -> r.getScopeMetricsList().stream())
                    .flatMap(s -> s.getMetricsList().stream()).map(Metric::getName).toList();
            assertTrue(names.contains("node.memory.total"), names.toString());
            assertTrue(names.contains("container.cpus.user.time"), names.toString());
        } finally {
            receiver.stop(0);
        }
    }
}
