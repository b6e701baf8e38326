package day2ops.diagnostics.bundle;

import com.google.protobuf.ByteString;
import day2ops.diagnostics.v1.BundleProgress;
import day2ops.diagnostics.v1.EntryStart;
import day2ops.diagnostics.v1.NodeBundlePart;
import day2ops.diagnostics.v1.NodeBundleSummary;
import io.grpc.Status;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * This node's part of a cluster bundle as a stream of {@link NodeBundlePart}s, produced on a bundle builder
 * thread only as fast as the subscriber (gRPC, which requests more only while the transport is ready) asks:
 * the builder waits for demand before every message, so nothing queues up. Cancelling the subscription (the
 * master hung up or gave up) stops the collection at its next write.
 */
public final class NodePartPublisher implements Flow.Publisher<NodeBundlePart> {

    private static final Logger LOG = Logger.getLogger(NodePartPublisher.class);

    private final String bundleId;
    private final NodeBundleEngine engine;
    private final BundleBuilders builders;

    public NodePartPublisher(String bundleId, NodeBundleEngine engine, BundleBuilders builders) {
        this.bundleId = bundleId;
        this.engine = engine;
        this.builders = builders;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super NodeBundlePart> subscriber) {
        Demand demand = new Demand();
        subscriber.onSubscribe(demand);
        try {
            builders.submit(() -> produce(subscriber, demand));
        } catch (RejectedExecutionException e) {
            subscriber.onError(Status.RESOURCE_EXHAUSTED
                    .withDescription("too many bundles are being built on this node; try again later").asRuntimeException());
        }
    }

    private void produce(Flow.Subscriber<? super NodeBundlePart> subscriber, Demand demand) {
        StreamSink sink = new StreamSink(subscriber, demand);
        try {
            NodePartSummary summary = engine.collect(sink);
            sink.emit(NodePartSummary.class.getSimpleName(), NodeBundlePart.newBuilder().setSummary(NodeBundleSummary.newBuilder()
                    .addAllErrors(summary.errors()).setEntries(summary.entries()).setBytes(summary.bytes())).build());
            subscriber.onComplete();
        } catch (BundleCanceledException e) {
            LOG.infof("node part of bundle %s canceled by the caller", bundleId);
        } catch (Exception e) {
            if (!demand.canceled) {
                LOG.warnf(e, "node part of bundle %s failed", bundleId);
                subscriber.onError(Status.INTERNAL.withDescription("building the node part failed: " + e.getMessage())
                        .asRuntimeException());
            }
        }
    }

    /** Outstanding demand of the subscriber; the producer waits on it. */
    private static final class Demand implements Flow.Subscription {
        final ReentrantLock lock = new ReentrantLock();
        final Condition changed = lock.newCondition();
        long requested;
        volatile boolean canceled;

        @Override
        public void request(long n) {
            lock.lock();
            try {
                requested = n <= 0 || requested + n < 0 ? Long.MAX_VALUE : requested + n;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void cancel() {
            lock.lock();
            try {
                canceled = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        /** Waits for demand of one message; false once canceled. */
        boolean take() throws InterruptedException {
            lock.lock();
            try {
                while (requested == 0 && !canceled) {
                    changed.await();
                }
                if (canceled) {
                    return false;
                }
                if (requested != Long.MAX_VALUE) {
                    requested--;
                }
                return true;
            } finally {
                lock.unlock();
            }
        }
    }

    /** The engine's sink, turning entries, bytes and progress into messages sent on demand. */
    private static final class StreamSink implements BundleSink {
        private final Flow.Subscriber<? super NodeBundlePart> subscriber;
        private final Demand demand;

        StreamSink(Flow.Subscriber<? super NodeBundlePart> subscriber, Demand demand) {
            this.subscriber = subscriber;
            this.demand = demand;
        }

        void emit(String what, NodeBundlePart part) {
            try {
                if (!demand.take()) {
                    throw new BundleCanceledException("the caller canceled the stream (at " + what + ")");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BundleCanceledException("interrupted while waiting to send " + what);
            }
            subscriber.onNext(part);
        }

        @Override
        public void startEntry(String name, long modifiedMillis) {
            emit(name, NodeBundlePart.newBuilder()
                    .setEntry(EntryStart.newBuilder().setName(name).setModifiedUnixMillis(modifiedMillis)).build());
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            emit("data", NodeBundlePart.newBuilder().setData(ByteString.copyFrom(bytes, offset, length)).build());
        }

        @Override
        public void progress(int collected, int total, String current) {
            emit("progress", NodeBundlePart.newBuilder()
                    .setProgress(BundleProgress.newBuilder().setCollected(collected).setTotal(total).setCurrent(current)).build());
        }
    }
}
