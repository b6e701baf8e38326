package day2ops.diagnostics.bundle;

import day2ops.diagnostics.config.DiagnosticsConfig;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * The lifecycle local and cluster bundles share: bundles on disk in {@code <bundle-dir>/<kind>/} (a
 * {@link BundleStore}), the ones being built in a map whose state wins over the stored one, and the rules of the
 * API — 404 unknown, 410 for the file of a deleted, canceled or failed bundle, 404 for one not done yet, 409 when
 * there is nothing to cancel. A service extends it with how a bundle is built and how a build is stopped
 * ({@link Run}).
 *
 * @param <R> the service's kind of running bundle
 */
abstract class BundleLifecycle<R extends BundleLifecycle.Run> implements BundleOperations {

    /** A bundle being built: its latest state (guarded by this for writes) and how to stop it. */
    abstract static class Run {
        volatile BundleState state;
        volatile boolean canceled;

        Run(BundleState state) {
            this.state = state;
        }

        /** Marks the build canceled and interrupts what it waits on; called while holding this run's lock. */
        abstract void cancel();
    }

    private final Logger log;
    private final String kind;
    private final String progressUnit;
    private final BundleStore store;
    private final BundleQuota quota;
    private final Map<String, R> running = new ConcurrentHashMap<>();

    /**
     * @param kind {@code local} or {@code cluster}: the folder under the bundle directory and the word in messages
     * @param progressUnit what {@code collected of total} counts, for the not-ready message ("nodes done")
     */
    protected BundleLifecycle(DiagnosticsConfig config, String kind, String progressUnit, Logger log) {
        this.log = log;
        this.kind = kind;
        this.progressUnit = progressUnit;
        this.store = new BundleStore(config.bundleDir().resolve(kind));
        this.quota = new BundleQuota(config.bundleDir(), config.bundles().quota().asLongValue(),
                config.bundles().minFreeSpace().asLongValue());
    }

    /**
     * For the client proxies CDI makes of the services (a proxy delegates every call to the bean and uses none of
     * this state); ArC's generated no-args constructor of a service calls it.
     */
    protected BundleLifecycle() {
        this.log = null;
        this.kind = null;
        this.progressUnit = null;
        this.store = null;
        this.quota = null;
    }

    BundleStore store() {
        return store;
    }

    /** Marks the bundles a previous stop interrupted as Failed; a failure is logged, not fatal. */
    void failInterrupted() {
        List<String> failed;
        try {
            failed = store.failInterrupted();
        } catch (RuntimeException e) {
            // Not fatal: the service still serves health and checks; readiness reports an unusable bundle dir.
            log.errorf("cannot mark interrupted %s bundles as failed in %s: %s", kind, store.root(), e.getMessage());
            return;
        }
        if (!failed.isEmpty()) {
            log.warnf("%s bundles interrupted by the last stop, now Failed: %s", kind, failed);
        }
    }

    @Override
    public List<BundleState> list() {
        List<BundleState> states = new ArrayList<>();
        for (BundleState stored : store.list()) {
            R now = running.get(stored.id());
            states.add(now == null ? stored : now.state);
        }
        return states;
    }

    @Override
    public BundleState get(String id) {
        BundleIds.validate(id);
        R now = running.get(id);
        if (now != null) {
            return now.state;
        }
        return store.read(id).orElseThrow(() -> new NotFoundException("no " + kind + " bundle '" + id + "'"));
    }

    /** The room a new bundle may take: 507 when there is none. */
    long roomForNewBundle() {
        return quota.roomForNewBundle();
    }

    /** Creates bundle {@code id} on disk as Started (409 when it exists) and registers it as running. */
    R start(String id, String type, int total, Function<BundleState, R> newRun) {
        store.create(id);
        BundleState state = new BundleState(id, type, 0, BundleStatus.Started, Instant.now().toString(), null,
                List.of(), 0, total);
        store.write(state);
        R run = newRun.apply(state);
        running.put(id, run);
        return run;
    }

    /** A started bundle no builder took: Failed with {@code reason}, no longer running. */
    void notBuilt(R run, String reason) {
        running.remove(run.state.id());
        store.write(run.state.stopped(BundleStatus.Failed, Instant.now().toString(), 0, List.of(reason)));
    }

    /** Applies {@code change} to the running state and stores it, unless the bundle was canceled. */
    void update(R run, UnaryOperator<BundleState> change) {
        synchronized (run) {
            if (!run.canceled) {
                run.state = change.apply(run.state);
                store.write(run.state);
            }
        }
    }

    /** The outcome of a build that threw {@code e}: logged and noted in {@code errors}; Canceled if it was. */
    BundleStatus failure(R run, Exception e, List<String> errors) {
        log.warnf(e, "%s bundle %s failed", kind, run.state.id());
        errors.add(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        return run.canceled ? BundleStatus.Canceled : BundleStatus.Failed;
    }

    /** Ends a build: the zip of anything but Done is removed, the final state stored, the bundle no longer running. */
    void finish(R run, BundleStatus outcome, long size, List<String> errors) {
        String id = run.state.id();
        if (outcome != BundleStatus.Done) {
            store.deleteZip(id);
            size = 0;
        }
        synchronized (run) {
            run.state = run.state.stopped(outcome, Instant.now().toString(), size, errors);
            store.write(run.state);
            running.remove(id);
        }
    }

    @Override
    public Path file(String id) {
        BundleState state = get(id);
        switch (state.status()) {
            case Done:
                Path zip = store.zip(id);
                if (Files.isRegularFile(zip)) {
                    return zip;
                }
                throw new ClientErrorException("the file of bundle '" + id + "' is gone", Response.Status.GONE);
            case Deleted:
            case Canceled:
            case Failed:
                throw new ClientErrorException("bundle '" + id + "' is " + state.status() + "; it has no file", Response.Status.GONE);
            default:
                throw new NotFoundException("bundle '" + id + "' is " + state.status() + " (" + state.collected() + " of "
                        + state.total() + " " + progressUnit + "); its file is not ready yet");
        }
    }

    /** Cancels a running bundle; 409 when it is not running. */
    BundleState cancel(String id) {
        get(id);
        R run = running.get(id);
        if (run == null) {
            throw new ClientErrorException("bundle '" + id + "' is " + get(id).status() + ", not running; nothing to cancel",
                    Response.Status.CONFLICT);
        }
        return cancel(run);
    }

    @Override
    public BundleState delete(String id) {
        BundleState state = get(id);
        R run = running.get(id);
        if (run != null) {
            return cancel(run);
        }
        store.deleteZip(id);
        if (state.status() == BundleStatus.Done) {
            BundleState deleted = state.stopped(BundleStatus.Deleted, state.stoppedAt(), 0, List.of());
            store.write(deleted);
            return deleted;
        }
        return state;
    }

    /** Cancels every running bundle (at shutdown). */
    void cancelAll() {
        running.values().forEach(this::cancel);
    }

    private BundleState cancel(R run) {
        synchronized (run) {
            run.cancel();
            return run.state.withStatus(BundleStatus.Canceled);
        }
    }
}
