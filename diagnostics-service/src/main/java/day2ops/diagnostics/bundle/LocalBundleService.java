package day2ops.diagnostics.bundle;

import day2ops.diagnostics.config.DiagnosticsConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * This node's bundles ({@code /system/health/v1/node/diagnostics}): built on {@link BundleBuilders}' threads
 * into {@code <bundle-dir>/local/<id>/bundle.zip}, state in {@code state.json} beside it.
 */
@ApplicationScoped
public class LocalBundleService extends BundleLifecycle<LocalBundleService.Running> {

    private final NodeBundleEngine engine;
    private final BundleBuilders builders;

    public LocalBundleService(DiagnosticsConfig config, NodeBundleEngine engine, BundleBuilders builders) {
        super(config, "local", "collected", Logger.getLogger(LocalBundleService.class));
        this.engine = engine;
        this.builders = builders;
    }

    void failInterruptedOnStart(@Observes StartupEvent startup) {
        failInterrupted();
    }

    /** A bundle being built; canceling it interrupts its builder thread. */
    static final class Running extends BundleLifecycle.Run {
        /** The builder thread while it works on this bundle (guarded by this). */
        Thread builder;

        Running(BundleState state) {
            super(state);
        }

        @Override
        void cancel() {
            canceled = true;
            if (builder != null) {
                // Interrupts waits (a command, an HTTP read); writes stop at the next entry or chunk.
                builder.interrupt();
            }
        }
    }

    /** Starts building bundle {@code id}: 400 bad id, 409 exists, 507 no room, 503 all builders busy. */
    public BundleState create(String id) {
        BundleIds.validate(id);
        long room = roomForNewBundle();
        Running run = start(id, BundleState.LOCAL, 0, Running::new);
        BundleState state = run.state;
        try {
            builders.submitOr503(() -> build(run, room));
        } catch (RuntimeException e) {
            notBuilt(run, e.getMessage());
            throw e;
        }
        return state;
    }

    private void build(Running run, long room) {
        synchronized (run) {
            run.builder = Thread.currentThread();
        }
        try {
            buildOnThisThread(run, room);
        } finally {
            synchronized (run) {
                run.builder = null;
            }
            // A cancel's interrupt must not reach the next task of this pool thread.
            Thread.interrupted();
        }
    }

    private void buildOnThisThread(Running run, long room) {
        String id = run.state.id();
        List<String> errors = new ArrayList<>();
        BundleStatus outcome;
        long size = 0;
        try (ZipSink zip = new ZipSink(store().newFile(id, BundleStore.ZIP), room, () -> run.canceled,
                (collected, total, current) -> update(run,
                        state -> state.withStatus(BundleStatus.InProgress).withProgress(collected, total)))) {
            NodePartSummary summary = engine.collect(zip);
            errors.addAll(summary.errors());
            zip.entry("summaryErrorsReport.txt", summaryText(errors).getBytes(StandardCharsets.UTF_8));
            zip.close();
            // The deflater holds back its last block until the end: the budget is checked once more.
            zip.checkBudget();
            size = zip.size();
            outcome = BundleStatus.Done;
        } catch (BundleCanceledException e) {
            outcome = BundleStatus.Canceled;
        } catch (IOException | RuntimeException e) {
            outcome = failure(run, e, errors);
        }
        finish(run, outcome, size, errors);
    }

    static String summaryText(List<String> errors) {
        return errors.isEmpty() ? "" : String.join("\n", errors) + "\n";
    }
}
