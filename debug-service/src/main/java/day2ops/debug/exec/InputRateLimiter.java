package day2ops.debug.exec;

/**
 * A token bucket over stdin bytes. Input is never dropped: a message that overdraws the bucket is
 * delivered, and the caller stops reading for {@link #consume}'s returned delay so the sender slows down.
 * Not thread-safe; a session calls it from its WebSocket's event loop only.
 */
public final class InputRateLimiter {

    private final double bytesPerNano;
    private final double capacity;
    private double tokens;
    private long lastRefill;

    public InputRateLimiter(int bytesPerSecond, int burstBytes, long nowNanos) {
        if (bytesPerSecond <= 0 || burstBytes <= 0) {
            throw new IllegalArgumentException("rate and burst must be positive");
        }
        this.bytesPerNano = bytesPerSecond / 1e9;
        this.capacity = burstBytes;
        this.tokens = burstBytes;
        this.lastRefill = nowNanos;
    }

    /** Takes {@code bytes} from the bucket; returns how long to pause reading (0 when within the rate). */
    public long consume(int bytes, long nowNanos) {
        tokens = Math.min(capacity, tokens + (nowNanos - lastRefill) * bytesPerNano);
        lastRefill = nowNanos;
        tokens -= bytes;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / bytesPerNano);
    }
}
