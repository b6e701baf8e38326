package day2ops.debug.exec;

import day2ops.debug.config.DebugConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Counts open exec sessions per node and per user and refuses those beyond the configured limits. */
@ApplicationScoped
public class SessionLimits {

    private final int perNode;
    private final int perUser;
    private final Map<String, Integer> byUser = new HashMap<>();
    private int total;

    public SessionLimits(DebugConfig config, MeterRegistry registry) {
        this.perNode = config.exec().maxSessionsPerNode();
        this.perUser = config.exec().maxSessionsPerUser();
        registry.gauge("debug.exec.sessions.active", this, SessionLimits::active);
    }

    /** Takes a slot for {@code uid}; empty on success, else why not (for the 429 body). */
    public synchronized Optional<String> acquire(String uid) {
        if (total >= perNode) {
            return Optional.of("this node already runs its maximum of " + perNode + " exec sessions");
        }
        int mine = byUser.getOrDefault(uid, 0);
        if (mine >= perUser) {
            return Optional.of("user '" + uid + "' already holds the maximum of " + perUser + " exec sessions on this node");
        }
        byUser.put(uid, mine + 1);
        total++;
        return Optional.empty();
    }

    /** Gives back a slot taken by {@link #acquire}. */
    public synchronized void release(String uid) {
        byUser.computeIfPresent(uid, (user, count) -> count == 1 ? null : count - 1);
        total--;
    }

    public synchronized int active() {
        return total;
    }
}
