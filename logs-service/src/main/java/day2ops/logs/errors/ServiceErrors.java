package day2ops.logs.errors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * The service's named error types: each occurrence is counted ({@code day2ops_logs_errors_total{type}}
 * on {@code /q/metrics}) and logged, at most once per type per {@link #LOG_INTERVAL_NANOS} — the
 * next line after a quiet period says how many were not logged meanwhile — so a flood of one
 * fault (an unreachable agent, a client population hitting one bad URL) cannot flood the log.
 */
@ApplicationScoped
public class ServiceErrors {

    /** The error types, as they appear in the {@code type} tag. */
    public enum Type {
        /** A journal handle could not be opened. */
        JOURNAL_OPEN,
        /** Reading an open journal failed (a real fault: the client got a 500 or a cut stream). */
        JOURNAL_READ,
        /** A request was refused with 400. */
        BAD_REQUEST,
        /** The client went away before a finite response was complete, or writing to it failed. */
        CLIENT_GONE,
        /** The Mesos agent's {@code /state} could not be fetched (task lines stay unresolved). */
        MESOS_LOOKUP,
        /** The Mesos master's {@code /state} could not be fetched (task discovery answered 502). */
        TASK_DISCOVERY,
        /** A task sandbox file could not be read. */
        SANDBOX_READ;

        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static final long LOG_INTERVAL_NANOS = 10_000_000_000L;
    private static final Logger LOG = Logger.getLogger(ServiceErrors.class);

    private final Map<Type, Counter> counters = new EnumMap<>(Type.class);
    private final Map<Type, LogRateLimit> limits = new EnumMap<>(Type.class);

    @Inject
    public ServiceErrors(MeterRegistry registry) {
        this(registry, System::nanoTime);
    }

    ServiceErrors(MeterRegistry registry, LongSupplier clock) {
        for (Type type : Type.values()) {
            counters.put(type, Counter.builder("day2ops.logs.errors").tag("type", type.tag())
                    .description("errors of the logs service by type").register(registry));
            limits.put(type, new LogRateLimit(LOG_INTERVAL_NANOS, clock));
        }
    }

    /** Counts one error of {@code type} and logs it (rate limited); {@code cause} may be null. */
    public void record(Type type, String detail, Throwable cause) {
        counters.get(type).increment();
        long suppressed = limits.get(type).tryAcquire();
        if (suppressed < 0) {
            return;
        }
        String more = suppressed == 0 ? "" : " (" + suppressed + " more " + type.tag() + " errors since the last logged one)";
        if (type == Type.JOURNAL_READ || type == Type.JOURNAL_OPEN) {
            LOG.errorf(cause, "%s: %s%s", type.tag(), detail, more);
        } else {
            LOG.warnf("%s: %s%s", type.tag(), detail, more);
        }
    }

    /** Counts a refused request as {@link Type#BAD_REQUEST} when it was refused with 400. */
    public void refused(day2ops.logs.journal.LogRequestException e, String path) {
        if (e.status() == 400) {
            record(Type.BAD_REQUEST, path + ": " + e.getMessage());
        }
    }

    public void record(Type type, String detail) {
        record(type, detail, null);
    }

    /**
     * At most one permit per interval. Pure apart from the clock it is given, so it is tested with a
     * hand-driven one.
     */
    static final class LogRateLimit {
        private final long intervalNanos;
        private final LongSupplier clock;
        private long nextAllowed;
        private boolean started;
        private long suppressed;

        LogRateLimit(long intervalNanos, LongSupplier clock) {
            this.intervalNanos = intervalNanos;
            this.clock = clock;
        }

        /** {@code -1}: do not log; else log, and this many were suppressed since the last permit. */
        synchronized long tryAcquire() {
            long now = clock.getAsLong();
            if (started && now - nextAllowed < 0) {
                suppressed++;
                return -1;
            }
            started = true;
            nextAllowed = now + intervalNanos;
            long s = suppressed;
            suppressed = 0;
            return s;
        }
    }
}
