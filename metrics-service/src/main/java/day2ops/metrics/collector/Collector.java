package day2ops.metrics.collector;

import day2ops.metrics.Metric;
import java.io.IOException;
import java.util.List;

/**
 * One node collector in the node_exporter manner: a stable name (used to enable or disable it
 * and as the {@code collector} label of its duration/success series), and a collect step that
 * reads its source and delegates to pure parse functions.
 */
public interface Collector {

    /** Stable, lower-case name such as {@code cpu} or {@code filesystem}. */
    String name();

    /** Reads the source once; any exception marks this collector failed for this round only. */
    List<Metric> collect() throws IOException;
}
