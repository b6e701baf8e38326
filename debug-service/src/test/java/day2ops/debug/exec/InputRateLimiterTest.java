package day2ops.debug.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InputRateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void burstPassesWithoutDelay() {
        InputRateLimiter limiter = new InputRateLimiter(100, 1000, 0);
        assertEquals(0, limiter.consume(600, 0));
        assertEquals(0, limiter.consume(400, 0));
    }

    @Test
    void overdrawPausesForTheDebtAtTheSustainedRate() {
        InputRateLimiter limiter = new InputRateLimiter(100, 1000, 0);
        assertEquals(0, limiter.consume(1000, 0));
        assertEquals(SECOND / 2, limiter.consume(50, 0));
    }

    @Test
    void bucketRefillsOverTimeUpToTheBurst() {
        InputRateLimiter limiter = new InputRateLimiter(100, 1000, 0);
        limiter.consume(1000, 0);
        assertEquals(0, limiter.consume(100, SECOND));
        assertEquals(0, limiter.consume(1000, 100 * SECOND));
        assertEquals(SECOND / 100, limiter.consume(1, 100 * SECOND));
    }
}
