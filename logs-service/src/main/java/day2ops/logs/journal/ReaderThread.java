package day2ops.logs.journal;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * One reader thread: runs the steps of the streams pinned to it from a queue, and keeps the
 * followers that reached the end of the journal parked until journald changes a file (or the
 * ping interval passes, when event streams get a keep-alive and every parked follower re-checks).
 */
public final class ReaderThread {

    private static final Logger LOG = Logger.getLogger(ReaderThread.class);

    private final Thread thread;
    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final Set<Parkable> parked = new LinkedHashSet<>();
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final AtomicInteger parkedCount = new AtomicInteger();
    final AtomicInteger openCount = new AtomicInteger();
    private final long pingNanos;
    private volatile boolean running = true;
    /** Bumped whenever journal files were created or removed; a follower whose handle is older opens a new one. */
    private volatile long filesGeneration;
    private long lastPing = System.nanoTime();

    /** A stream that waits at its end for new data without holding the thread. */
    public interface Parkable {
        /** Called on the owner thread: data may have arrived ({@code ping}: the keep-alive interval passed). */
        void resume(boolean ping);
    }

    ReaderThread(String name, Duration pingInterval) {
        this.pingNanos = pingInterval.toNanos();
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    Thread thread() {
        return thread;
    }

    public void execute(Runnable task) {
        tasks.add(task);
    }

    boolean onThread() {
        return Thread.currentThread() == thread;
    }

    public void park(Parkable stream) {
        if (parked.add(stream)) {
            parkedCount.incrementAndGet();
        }
    }

    public void unpark(Parkable stream) {
        if (parked.remove(stream)) {
            parkedCount.decrementAndGet();
        }
    }

    int parkedCount() {
        return parkedCount.get();
    }

    int openCount() {
        return openCount.get();
    }

    /** Wakes one parked stream (if it is still parked) on this thread. */
    public void wake(Parkable stream) {
        tasks.add(() -> {
            if (parked.remove(stream)) {
                parkedCount.decrementAndGet();
                stream.resume(false);
            }
        });
    }

    long filesGeneration() {
        return filesGeneration;
    }

    void journalChanged(boolean filesChanged) {
        if (filesChanged) {
            filesGeneration++; // only the watcher thread writes it
        }
        // Coalesce: one wake-up task in the queue is enough however many files changed meanwhile.
        if (wakePending.compareAndSet(false, true)) {
            tasks.add(() -> {
                wakePending.set(false);
                wakeParked(false);
            });
        }
    }

    private void wakeParked(boolean ping) {
        if (parked.isEmpty()) {
            return;
        }
        for (Parkable stream : List.copyOf(parked)) {
            unpark(stream);
            stream.resume(ping);
        }
    }

    private void loop() {
        while (running) {
            try {
                long untilPing = pingNanos - (System.nanoTime() - lastPing);
                Runnable task = untilPing <= 0 ? null : tasks.poll(untilPing, TimeUnit.NANOSECONDS);
                if (task != null) {
                    task.run();
                } else if (System.nanoTime() - lastPing >= pingNanos) {
                    lastPing = System.nanoTime();
                    wakeParked(true);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("reader task failed", e);
            }
        }
    }

    void shutdown() {
        running = false;
        thread.interrupt();
    }
}
