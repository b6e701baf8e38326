package day2ops.logs.journal;

import day2ops.logs.config.LogsConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed set of reader threads. Each request's journal handle lives on one of them for its
 * whole life (sd-journal handles are thread-confined); a thread serves many requests in turn, one
 * chunk at a time, so a follower costs a handle, not a thread.
 */
@ApplicationScoped
public class ReaderPool {

    private final List<ReaderThread> threads = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();

    public ReaderPool(LogsConfig config, MeterRegistry registry) {
        for (int i = 0; i < Math.max(1, config.readerThreads()); i++) {
            ReaderThread thread = new ReaderThread("journal-reader-" + i, config.pingInterval());
            threads.add(thread);
            thread.start();
        }
        Gauge.builder("day2ops.logs.journal.handles", this, ReaderPool::openStreams)
                .description("journal handles held by requests being served").register(registry);
        Gauge.builder("day2ops.logs.followers.parked", this, ReaderPool::parkedFollowers)
                .description("streams waiting at their end for new data").register(registry);
    }

    /** The thread a new request is pinned to (round robin). */
    public ReaderThread assign() {
        return threads.get(Math.floorMod(next.getAndIncrement(), threads.size()));
    }

    /**
     * journald changed a file: every parked follower checks for new entries. {@code filesChanged}: files
     * were also created or removed (rotation, vacuum), so followers move to new handles.
     */
    public void journalChanged(boolean filesChanged) {
        for (ReaderThread thread : threads) {
            thread.journalChanged(filesChanged);
        }
    }

    /** Requests currently parked at the end of the journal, waiting for entries. */
    public int parkedFollowers() {
        return threads.stream().mapToInt(ReaderThread::parkedCount).sum();
    }

    /** Requests that hold an open journal handle. */
    public int openStreams() {
        return threads.stream().mapToInt(ReaderThread::openCount).sum();
    }

    void stop(@Observes ShutdownEvent event) {
        threads.forEach(ReaderThread::shutdown);
    }
}
