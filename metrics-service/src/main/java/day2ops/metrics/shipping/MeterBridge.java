package day2ops.metrics.shipping;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mirrors a changing set of series (containers come and go) into Micrometer registries: each
 * {@link #sync} registers meters for new series, updates the values the meters read, and
 * removes the meters of series that disappeared.
 */
public final class MeterBridge {

    /** One series to ship: Micrometer name (dotted), tags, whether it is a monotonic counter, value. */
    public record Series(String name, Map<String, String> tags, boolean counter, double value) {

        String key() {
            return name + new java.util.TreeMap<>(tags);
        }
    }

    private final List<MeterRegistry> registries;
    private final Map<String, double[]> values = new ConcurrentHashMap<>();
    private final Map<String, List<Meter>> meters = new HashMap<>();

    public MeterBridge(List<MeterRegistry> registries) {
        this.registries = List.copyOf(registries);
    }

    public synchronized void sync(List<Series> series) {
        Set<String> present = new HashSet<>();
        for (Series s : series) {
            String key = s.key();
            if (!present.add(key)) {
                continue;
            }
            double[] holder = values.computeIfAbsent(key, k -> new double[1]);
            holder[0] = s.value();
            meters.computeIfAbsent(key, k -> register(s, holder));
        }
        for (String key : new ArrayList<>(meters.keySet())) {
            if (!present.contains(key)) {
                List<Meter> gone = meters.remove(key);
                values.remove(key);
                for (int i = 0; i < registries.size(); i++) {
                    registries.get(i).remove(gone.get(i));
                }
            }
        }
    }

    private List<Meter> register(Series s, double[] holder) {
        List<Tag> tags = new ArrayList<>();
        s.tags().forEach((k, v) -> tags.add(Tag.of(k, v)));
        List<Meter> created = new ArrayList<>();
        for (MeterRegistry registry : registries) {
            created.add(s.counter()
                    ? FunctionCounter.builder(s.name(), holder, h -> h[0]).tags(Tags.of(tags)).register(registry)
                    : Gauge.builder(s.name(), holder, h -> h[0]).tags(Tags.of(tags)).register(registry));
        }
        return created;
    }

    /** Number of series currently mirrored. */
    public synchronized int size() {
        return meters.size();
    }
}
