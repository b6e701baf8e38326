package day2ops.metrics.statsd;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jboss.logging.Logger;

/**
 * All StatsD UDP sockets of this service, served by one selector thread: datagrams are split into
 * lines, parsed and aggregated; a line that does not parse is counted and dropped, and no input
 * can stop the thread.
 */
public final class StatsdServer implements AutoCloseable {

    /** Id of the node-level listener. */
    public static final String NODE = "node";

    private static final Logger LOG = Logger.getLogger(StatsdServer.class);
    private static final int MAX_DATAGRAM = 65_535;

    private final List<Double> percentiles;
    private final Duration expiry;
    private final int receiveBufferBytes;
    private final Path procfs;
    private final Clock clock;
    private final Selector selector;
    private final Thread thread;
    private final Map<String, StatsdListener> listeners = new ConcurrentHashMap<>();
    /** Closed listeners stay readable for one to two flush intervals: their final values get served. */
    private final Map<String, StatsdListener> retiredThisInterval = new ConcurrentHashMap<>();
    private final Map<String, StatsdListener> retiredLastInterval = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<StatsdListener> toRegister = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<StatsdListener> toClose = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;
    private long lastMalformedLog;

    /** A server whose series never expire. */
    public StatsdServer(List<Double> percentiles, int receiveBufferBytes, Path procfs, Clock clock) throws IOException {
        this(percentiles, Duration.ZERO, receiveBufferBytes, procfs, clock);
    }

    /** @param expiry how long a series may go without updates before it disappears; zero: never */
    public StatsdServer(List<Double> percentiles, Duration expiry, int receiveBufferBytes, Path procfs, Clock clock)
            throws IOException {
        this.percentiles = List.copyOf(percentiles);
        this.expiry = expiry;
        this.receiveBufferBytes = receiveBufferBytes;
        this.procfs = procfs;
        this.clock = clock;
        this.selector = Selector.open();
        this.thread = new Thread(this::loop, "statsd-listeners");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Binds a new listener.
     *
     * @throws java.net.BindException when the port is taken
     * @throws IllegalStateException when a listener with this id exists
     */
    public StatsdListener open(String id, String host, int port) throws IOException {
        if (listeners.containsKey(id)) {
            throw new IllegalStateException("listener " + id + " exists");
        }
        InetSocketAddress requested = new InetSocketAddress(host, port);
        DatagramChannel channel = DatagramChannel.open(requested.getAddress() instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBufferBytes);
            channel.bind(requested);
            channel.configureBlocking(false);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        InetSocketAddress bound = (InetSocketAddress) channel.getLocalAddress();
        StatsdListener listener = new StatsdListener(id, channel, bound,
                new StatsdAggregator(percentiles, expiry, clock.instant()), StatsdSnapshot.empty(clock.instant()));
        if (listeners.putIfAbsent(id, listener) != null) {
            channel.close();
            throw new IllegalStateException("listener " + id + " exists");
        }
        toRegister.add(listener);
        selector.wakeup();
        return listener;
    }

    /**
     * Closes a listener after draining what is already queued on its socket, and returns its
     * final flush, so a short-lived container's last values are not lost.
     */
    public Optional<StatsdSnapshot> close(String id) {
        StatsdListener listener = listeners.get(id);
        if (listener == null) {
            return Optional.empty();
        }
        retiredThisInterval.put(id, listener);
        listeners.remove(id);
        synchronized (listener) {
            drain(listener, ByteBuffer.allocate(MAX_DATAGRAM));
        }
        toClose.add(listener);
        selector.wakeup();
        StatsdSnapshot last = listener.aggregator().flush(clock.instant());
        listener.setLatest(last);
        return Optional.of(last);
    }

    public Optional<StatsdListener> listener(String id) {
        return Optional.ofNullable(listeners.get(id));
    }

    public Collection<StatsdListener> listeners() {
        return List.copyOf(listeners.values());
    }

    /** Open listeners plus those closed within the last one to two flush intervals. */
    public Collection<StatsdListener> listenersWithRetired() {
        Map<String, StatsdListener> all = new HashMap<>(retiredLastInterval);
        all.putAll(retiredThisInterval);
        all.putAll(listeners);
        return List.copyOf(all.values());
    }

    /** The latest snapshot of an open or recently closed listener. */
    public Optional<StatsdSnapshot> latest(String id) {
        StatsdListener listener = listeners.get(id);
        if (listener == null) {
            listener = retiredThisInterval.get(id);
        }
        if (listener == null) {
            listener = retiredLastInterval.get(id);
        }
        return Optional.ofNullable(listener).map(StatsdListener::latest);
    }

    /** Ends the current interval of every listener and refreshes the kernel drop counters. */
    public void flushAll() {
        Map<Integer, Long> drops = kernelDrops();
        for (StatsdListener listener : listeners.values()) {
            listener.setLatest(listener.aggregator().flush(clock.instant()));
            listener.setKernelDrops(drops.getOrDefault(listener.port(), 0L));
        }
        retiredLastInterval.clear();
        retiredLastInterval.putAll(retiredThisInterval);
        retiredThisInterval.clear();
    }

    private Map<Integer, Long> kernelDrops() {
        Map<Integer, Long> drops = new HashMap<>();
        for (String file : List.of("net/udp", "net/udp6")) {
            Path path = procfs.resolve(file);
            try {
                if (Files.isReadable(path)) {
                    UdpDrops.parse(Files.readString(path, StandardCharsets.US_ASCII))
                            .forEach((port, count) -> drops.merge(port, count, Long::sum));
                }
            } catch (IOException e) {
                LOG.debugf("cannot read %s: %s", path, e);
            }
        }
        return drops;
    }

    private void loop() {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
        while (running) {
            try {
                selector.select();
                registerPending();
                for (SelectionKey key : selector.selectedKeys()) {
                    StatsdListener listener = (StatsdListener) key.attachment();
                    if (key.isValid() && key.isReadable()) {
                        synchronized (listener) {
                            drain(listener, buffer);
                        }
                    }
                }
                selector.selectedKeys().clear();
            } catch (ClosedSelectorException e) {
                return;
            } catch (Throwable e) {
                // Keep serving: one bad moment must not end ingestion for every listener.
                LOG.errorf(e, "StatsD listener loop error");
            }
        }
    }

    private void registerPending() {
        StatsdListener listener;
        while ((listener = toRegister.poll()) != null) {
            try {
                listener.channel().register(selector, SelectionKey.OP_READ, listener);
            } catch (IOException e) {
                LOG.errorf("cannot register StatsD listener %s: %s", listener.id(), e);
            }
        }
        while ((listener = toClose.poll()) != null) {
            SelectionKey key = listener.channel().keyFor(selector);
            if (key != null) {
                key.cancel();
            }
            try {
                listener.channel().close();
            } catch (IOException e) {
                LOG.debugf("closing StatsD listener %s: %s", listener.id(), e);
            }
        }
    }

    private void drain(StatsdListener listener, ByteBuffer buffer) {
        DatagramChannel channel = listener.channel();
        if (!channel.isOpen()) {
            return;
        }
        while (true) {
            buffer.clear();
            try {
                if (channel.receive(buffer) == null) {
                    return;
                }
            } catch (IOException e) {
                LOG.debugf("receive on %s: %s", listener.id(), e);
                return;
            }
            ingest(listener, new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8));
            // Counted once aggregated, so a reader that sees the count also sees the datagram's lines.
            listener.packets.incrementAndGet();
        }
    }

    private void ingest(StatsdListener listener, String packet) {
        for (String line : StatsdParser.lines(packet)) {
            try {
                for (StatsdSample sample : StatsdParser.parseLine(line)) {
                    listener.aggregator().add(sample);
                }
                listener.lines.incrementAndGet();
            } catch (MalformedStatsdException | RuntimeException e) {
                listener.malformed.incrementAndGet();
                logMalformed(listener, e);
            }
        }
    }

    private void logMalformed(StatsdListener listener, Exception e) {
        long now = System.currentTimeMillis();
        if (now - lastMalformedLog > 10_000) {
            lastMalformedLog = now;
            LOG.warnf("dropped malformed StatsD line on %s (further ones logged at most every 10 s): %s",
                    listener.id(), e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        for (StatsdListener listener : new ArrayList<>(listeners.values())) {
            listeners.remove(listener.id());
            listener.channel().close();
        }
        selector.close();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
