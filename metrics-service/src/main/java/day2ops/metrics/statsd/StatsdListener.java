package day2ops.metrics.statsd;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One bound UDP socket with its aggregator and self-metrics. The node listener has the id
 * {@link StatsdServer#NODE}; container listeners carry the container id.
 */
public final class StatsdListener {

    private final String id;
    private final DatagramChannel channel;
    private final InetSocketAddress address;
    private final StatsdAggregator aggregator;
    final AtomicLong packets = new AtomicLong();
    final AtomicLong lines = new AtomicLong();
    final AtomicLong malformed = new AtomicLong();
    private volatile long kernelDrops;
    private volatile StatsdSnapshot latest;

    StatsdListener(String id, DatagramChannel channel, InetSocketAddress address, StatsdAggregator aggregator,
            StatsdSnapshot initial) {
        this.id = id;
        this.channel = channel;
        this.address = address;
        this.aggregator = aggregator;
        this.latest = initial;
    }

    public String id() {
        return id;
    }

    public InetSocketAddress address() {
        return address;
    }

    public int port() {
        return address.getPort();
    }

    /** Datagrams received since start. */
    public long packetsReceived() {
        return packets.get();
    }

    /** Lines that parsed, since start. */
    public long linesParsed() {
        return lines.get();
    }

    /** Lines that did not parse and were dropped, since start. */
    public long linesMalformed() {
        return malformed.get();
    }

    /** Datagrams the kernel dropped on this socket (receive buffer full), as of the last flush. */
    public long kernelDrops() {
        return kernelDrops;
    }

    /** The aggregates of the last completed flush interval. */
    public StatsdSnapshot latest() {
        return latest;
    }

    DatagramChannel channel() {
        return channel;
    }

    StatsdAggregator aggregator() {
        return aggregator;
    }

    void setLatest(StatsdSnapshot snapshot) {
        this.latest = snapshot;
    }

    void setKernelDrops(long drops) {
        this.kernelDrops = drops;
    }
}
