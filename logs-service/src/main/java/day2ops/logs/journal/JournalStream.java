package day2ops.logs.journal;

import day2ops.journal.Journal;
import day2ops.journal.JournalException;
import day2ops.logs.errors.ServiceErrors;
import day2ops.logs.format.ByteSink;
import day2ops.logs.format.EntryFormat;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.zip.GZIPOutputStream;

/**
 * One request's read of the journal, from its own handle on one {@link ReaderThread}, written to
 * the HTTP response in chunks.
 *
 * <p><b>Backpressure.</b> The reader encodes at most one chunk ({@code logs.chunk-bytes}) and hands it
 * to the connection's event loop; the next chunk is read only once the connection's write queue has
 * room again (Vert.x drain). A slow client therefore holds at most one chunk plus the socket's
 * write queue, however large the range.
 *
 * <p><b>Follow.</b> At the end of the journal the stream parks (no thread, no poll) until journald
 * changes a file ({@link JournalChangeWatcher}); appends to the files it has open are visible to its
 * handle as they are (the files are mapped). The handle has no inotify instance of its own (that would
 * cost one of the user's {@code fs.inotify.max_user_instances}, 128 by default, per follower): when
 * journal files were created or removed (rotation, vacuum), the watcher bumps the reader's files
 * generation, and a follower whose handle is older reads that handle to its end, then opens a new one
 * and continues strictly after the entry it stood on, so nothing is lost or repeated.
 *
 * <p><b>Lines that wait for the agent.</b> When the line filter cannot decide on an entry without the
 * Mesos agent, the stream sends what it has, then parks on that entry until the agent has answered;
 * the reader thread meanwhile serves its other streams.
 *
 * <p><b>Disconnect.</b> The connection's close handler marks the stream cancelled and queues its
 * release on the owner thread; the handle is closed there at once (handles are thread-confined).
 */
public final class JournalStream implements ReaderThread.Parkable {

    private static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.US_ASCII);
    /** Entries a step may look at without producing output (ACL filtering) before yielding to other streams. */
    private static final int MAX_SCANNED_PER_STEP = 20_000;

    /** Adds matches and positions the handle; throws {@link LogRequestException} for bad input. */
    public interface Setup {
        /** {@code headers} may receive response headers (e.g. how many entries a skip moved). */
        void apply(Journal journal, Map<String, String> headers);
    }

    /** Moves to the next entry to consider, with the request's skip semantics. */
    public interface Positioning {
        Advance advance(Journal journal);
    }

    public enum Advance {
        /** Positioned on an entry. */
        ENTRY,
        /** Nothing (yet): the end of the journal. */
        END,
        /** The request's range is exhausted for good. */
        STOP
    }

    /** The request's matches, applied to every handle the stream opens. */
    public interface Matches {
        void apply(Journal journal);
    }

    /** Per-line authorization: whether the caller may see the current entry. */
    public interface LineFilter {
        Verdict check(Journal journal);
    }

    /** A line filter's answer: permitted or not, or a stage to wait for before asking again about the same entry. */
    public record Verdict(boolean permitted, CompletionStage<?> pending) {
        public static final Verdict PERMIT = new Verdict(true, null);
        public static final Verdict DENY = new Verdict(false, null);

        public static Verdict waitFor(CompletionStage<?> pending) {
            return new Verdict(false, pending);
        }
    }

    private final ReaderThread reader;
    private final JournalSource source;
    private final HttpServerResponse response;
    private final Context context;
    private final Matches matches;
    private final Setup setup;
    private final Positioning positioning;
    private final LineFilter filter;
    private final EntryFormat format;
    private final boolean follow;
    private final boolean noContentWhenEmpty;
    private final boolean gzip;
    private final int chunkBytes;
    private final Map<String, String> headers;
    private final String path;
    private final ServiceErrors errors;

    // Reader-thread state.
    private final ByteSink sink;
    private Journal journal;
    private long remaining;
    private long delivered;
    private String lastCursor;
    private boolean started;
    private boolean finished;
    private ByteArrayOutputStream gzipBytes;
    private GZIPOutputStream gzipOut;
    private long openedGeneration;
    private boolean reopenAtEnd;
    /** The handle stands on an entry the line filter has not decided on yet; {@code pending}: what it waits for. */
    private boolean onUndecidedEntry;
    private CompletableFuture<?> pending;
    private CompletableFuture<?> wakeRegisteredFor;

    private volatile boolean cancelled;
    /** Event-loop state: the response was ended. */
    private boolean ended;

    private JournalStream(Builder b) {
        this.reader = b.reader;
        this.source = b.source;
        this.response = b.response;
        this.context = b.context;
        this.matches = b.matches;
        this.setup = b.setup;
        this.positioning = b.positioning;
        this.filter = b.filter;
        this.format = b.format;
        this.follow = b.follow;
        this.noContentWhenEmpty = b.noContentWhenEmpty;
        this.gzip = b.gzip;
        this.chunkBytes = b.chunkBytes;
        this.headers = b.headers;
        this.path = b.path;
        this.errors = b.errors;
        this.remaining = b.limit;
        this.sink = new ByteSink(Math.min(chunkBytes * 2, 1 << 20));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts reading on the reader thread. Call on the request's event loop. */
    public void start() {
        // A reset connection reports to both handlers: counted once.
        response.exceptionHandler(e -> {
            if (!ended && !follow && !cancelled) {
                errors.record(ServiceErrors.Type.CLIENT_GONE, "writing " + path + " failed: " + e.getMessage());
            }
            cancel();
        });
        response.closeHandler(v -> {
            if (!ended && !follow && !cancelled) {
                errors.record(ServiceErrors.Type.CLIENT_GONE, "the client closed the connection before the end of " + path);
            }
            cancel();
        });
        reader.execute(() -> step(false));
    }

    private void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        reader.execute(() -> {
            reader.unpark(this);
            release();
        });
    }

    /** Called by the reader thread for a parked stream: journald changed, or the ping interval passed. */
    @Override
    public void resume(boolean ping) {
        step(ping);
    }

    private void step(boolean ping) {
        if (cancelled || finished) {
            release();
            return;
        }
        try {
            if (journal == null) {
                open();
                matches.apply(journal);
                setup.apply(journal, headers);
            } else if (follow && reader.filesGeneration() != openedGeneration) {
                // Files were added or removed: this handle still reads its own files to their end, then a new one continues.
                reopenAtEnd = true;
            }
            sink.reset();
            boolean done = false;
            boolean atEnd = false;
            CompletableFuture<?> waitFor = null;
            int scanned = 0;
            while (sink.size() < chunkBytes && scanned < MAX_SCANNED_PER_STEP) {
                if (remaining == 0) {
                    done = true;
                    break;
                }
                if (!onUndecidedEntry) {
                    Advance advance = positioning.advance(journal);
                    if (advance == Advance.STOP) {
                        done = true;
                        break;
                    }
                    if (advance == Advance.END) {
                        if (reopenAtEnd) {
                            reopen();
                            continue;
                        }
                        atEnd = true;
                        done = !follow;
                        break;
                    }
                    scanned++;
                }
                if (filter != null) {
                    if (pending != null && !pending.isDone()) {
                        waitFor = pending;
                        break;
                    }
                    Verdict verdict = filter.check(journal);
                    if (verdict.pending() != null) {
                        onUndecidedEntry = true;
                        pending = verdict.pending().toCompletableFuture();
                        if (!pending.isDone()) {
                            waitFor = pending;
                            break;
                        }
                        continue;
                    }
                    onUndecidedEntry = false;
                    pending = null;
                    if (!verdict.permitted()) {
                        continue;
                    }
                }
                String cursor = journal.cursor();
                format.write(journal, cursor, sink);
                lastCursor = cursor;
                delivered++;
                if (remaining > 0) {
                    remaining--;
                }
            }
            byte[] chunk = encode(done);
            if (done) {
                finished = true;
                release();
            }
            if (chunk == null && ping && format.eventStream()) {
                chunk = PING;
            }
            boolean first = !started;
            if (chunk == null && waitFor != null) {
                // Nothing to send until the agent answers; the thread serves other streams meanwhile.
                reader.park(this);
                if (wakeRegisteredFor != waitFor) {
                    wakeRegisteredFor = waitFor;
                    waitFor.whenComplete((ignored, failure) -> reader.wake(this));
                }
                return;
            }
            started = true;
            if (chunk == null && atEnd && !done && !first) {
                reader.park(this);
                return;
            }
            emit(first, chunk, done, delivered == 0);
        } catch (LogRequestException e) {
            finished = true;
            release();
            errors.refused(e, path);
            fail(!started, e.status(), e.getMessage());
            started = true;
        } catch (JournalException | UncheckedIOException e) {
            finished = true;
            boolean opening = journal == null;
            release();
            String errorId = UUID.randomUUID().toString();
            errors.record(opening ? ServiceErrors.Type.JOURNAL_OPEN : ServiceErrors.Type.JOURNAL_READ,
                    (opening ? "opening" : "reading") + " the journal failed, error id " + errorId + ", on " + path, e);
            fail(!started, 500, "reading the journal failed; the service log has the details under error id " + errorId);
            started = true;
        }
    }

    private void open() {
        // Read before opening: files created while the handle opens then make it reopen once more, never miss them.
        openedGeneration = reader.filesGeneration();
        journal = source.open();
        reader.openCount.incrementAndGet();
    }

    /**
     * A new handle for the files as they are now, standing where the old one stood (its last entry). A
     * handle that never stood on an entry saw no matching entry in any file it had, so the new one reads
     * the matching entries of all files from the start: they are all new.
     */
    private void reopen() {
        String position;
        try {
            position = journal.cursor();
        } catch (JournalException noCurrentEntry) {
            position = null;
        }
        release();
        open();
        matches.apply(journal);
        if (position == null) {
            journal.seekHead();
        } else {
            journal.seekAfterCursor(position);
        }
        reopenAtEnd = false;
    }

    private byte[] encode(boolean done) {
        if (!gzip) {
            return sink.size() == 0 ? null : sink.toByteArray();
        }
        try {
            if (gzipOut == null) {
                gzipBytes = new ByteArrayOutputStream(chunkBytes);
                gzipOut = new GZIPOutputStream(gzipBytes, 8192);
            }
            gzipOut.write(sink.array(), 0, sink.size());
            if (done) {
                gzipOut.finish();
            }
            if (gzipBytes.size() == 0) {
                return null;
            }
            byte[] out = gzipBytes.toByteArray();
            gzipBytes.reset();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void release() {
        if (journal != null) {
            journal.close();
            journal = null;
            reader.openCount.decrementAndGet();
        }
    }

    private void emit(boolean first, byte[] chunk, boolean done, boolean empty) {
        context.runOnContext(v -> {
            if (cancelled) {
                return;
            }
            if (first) {
                if (done && empty && noContentWhenEmpty) {
                    response.setStatusCode(204);
                    headers.forEach(response::putHeader);
                    ended = true;
                    response.end();
                    return;
                }
                response.setStatusCode(200);
                response.putHeader("Content-Type", format.contentType());
                headers.forEach(response::putHeader);
                response.setChunked(true);
            }
            if (chunk != null) {
                response.write(Buffer.buffer(chunk));
            } else if (first) {
                // A follow that starts with nothing to send still owes the client its status and headers.
                response.write(Buffer.buffer());
            }
            if (done) {
                ended = true;
                response.end();
                return;
            }
            // Always re-read before parking: a change reported while this chunk was in flight must not be lost.
            Runnable next = () -> step(false);
            if (response.writeQueueFull()) {
                response.drainHandler(d -> {
                    response.drainHandler(null);
                    reader.execute(next);
                });
            } else {
                reader.execute(next);
            }
        });
    }

    private void fail(boolean beforeHeaders, int status, String detail) {
        context.runOnContext(v -> {
            if (cancelled) {
                return;
            }
            ended = true;
            if (beforeHeaders) {
                Problems.send(response, status, detail, path);
            } else {
                // Mid-stream: the status line is gone; cut the connection so the client sees a broken transfer.
                response.reset();
            }
        });
    }

    public static final class Builder {
        private ReaderThread reader;
        private JournalSource source;
        private HttpServerResponse response;
        private Context context;
        private Matches matches = j -> { };
        private Setup setup = (j, h) -> j.seekHead();
        private Positioning positioning = j -> j.next() ? Advance.ENTRY : Advance.END;
        private LineFilter filter;
        private EntryFormat format;
        private boolean follow;
        private boolean noContentWhenEmpty;
        private boolean gzip;
        private int chunkBytes = 65536;
        private long limit = -1;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String path;
        private ServiceErrors errors;

        public Builder reader(ReaderThread reader) {
            this.reader = reader;
            return this;
        }

        public Builder source(JournalSource source) {
            this.source = source;
            return this;
        }

        public Builder response(HttpServerResponse response, Context context, String path) {
            this.response = response;
            this.context = context;
            this.path = path;
            return this;
        }

        /** The request's matches (applied again to every new handle of a follow). */
        public Builder matches(Matches matches) {
            this.matches = matches;
            return this;
        }

        /** Positions the first handle (after the matches), may refuse bad input. */
        public Builder setup(Setup setup) {
            this.setup = setup;
            return this;
        }

        public Builder positioning(Positioning positioning) {
            this.positioning = positioning;
            return this;
        }

        public Builder filter(LineFilter filter) {
            this.filter = filter;
            return this;
        }

        public Builder format(EntryFormat format) {
            this.format = format;
            return this;
        }

        public Builder follow(boolean follow) {
            this.follow = follow;
            return this;
        }

        /** Answer 204 when a finite read produced no entry. */
        public Builder noContentWhenEmpty(boolean noContentWhenEmpty) {
            this.noContentWhenEmpty = noContentWhenEmpty;
            return this;
        }

        public Builder gzip(boolean gzip) {
            this.gzip = gzip;
            return this;
        }

        public Builder chunkBytes(int chunkBytes) {
            this.chunkBytes = chunkBytes;
            return this;
        }

        /** At most this many entries; negative: no limit. */
        public Builder limit(long limit) {
            this.limit = limit;
            return this;
        }

        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Builder errors(ServiceErrors errors) {
            this.errors = errors;
            return this;
        }

        public JournalStream build() {
            java.util.Objects.requireNonNull(errors, "errors");
            return new JournalStream(this);
        }
    }
}
