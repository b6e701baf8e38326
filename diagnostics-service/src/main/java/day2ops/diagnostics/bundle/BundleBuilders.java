package day2ops.diagnostics.bundle;

import day2ops.diagnostics.config.DiagnosticsConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ServiceUnavailableException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that build node bundles (local bundles and node parts streamed to a master): a fixed number,
 * with a bounded queue, never the event loop. A request beyond the queue is refused rather than piled up.
 */
@ApplicationScoped
public class BundleBuilders {

    private final ThreadPoolExecutor pool;

    public BundleBuilders(DiagnosticsConfig config) {
        int threads = Math.max(1, config.bundles().parallelism());
        AtomicInteger counter = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(Math.max(1, config.bundles().queueLimit())), r -> {
                    Thread t = new Thread(r, "bundle-builder-" + counter.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Runs {@code task} on a builder thread; {@link RejectedExecutionException} when all are busy and the queue full. */
    public Future<?> submit(Runnable task) {
        return pool.submit(task);
    }

    /** As {@link #submit}, refusing with a 503 the API can answer. */
    public Future<?> submitOr503(Runnable task) {
        try {
            return pool.submit(task);
        } catch (RejectedExecutionException e) {
            throw new ServiceUnavailableException("too many bundles are being built (diagnostics.bundles.parallelism "
                    + pool.getCorePoolSize() + ", queue " + pool.getQueue().size() + "); try again later");
        }
    }

    @PreDestroy
    void shutdown() {
        pool.shutdownNow();
    }
}
