package day2ops.logs.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ServiceErrorsTest {

    @Test
    void logsTheFirstErrorThenAtMostOnePerIntervalAndSaysHowManyWereSuppressed() {
        AtomicLong now = new AtomicLong(1_000);
        ServiceErrors.LogRateLimit limit = new ServiceErrors.LogRateLimit(10, now::get);
        assertEquals(0, limit.tryAcquire(), "the first is logged");
        assertEquals(-1, limit.tryAcquire());
        now.addAndGet(9);
        assertEquals(-1, limit.tryAcquire());
        now.addAndGet(1);
        assertEquals(2, limit.tryAcquire(), "after the interval: logged, naming the two suppressed");
        assertEquals(-1, limit.tryAcquire());
        now.addAndGet(100);
        assertEquals(1, limit.tryAcquire());
        now.addAndGet(100);
        assertEquals(0, limit.tryAcquire(), "nothing suppressed since");
    }

    @Test
    void countsEveryErrorByTypeEvenWhenItsLogLineIsSuppressed() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicLong now = new AtomicLong();
        ServiceErrors errors = new ServiceErrors(registry, now::get);
        for (int i = 0; i < 5; i++) {
            errors.record(ServiceErrors.Type.MESOS_LOOKUP, "agent down");
        }
        errors.record(ServiceErrors.Type.BAD_REQUEST, "bad");
        assertEquals(5, registry.get("day2ops.logs.errors").tag("type", "mesos_lookup").counter().count());
        assertEquals(1, registry.get("day2ops.logs.errors").tag("type", "bad_request").counter().count());
        assertEquals(0, registry.get("day2ops.logs.errors").tag("type", "journal_read").counter().count());
    }
}
