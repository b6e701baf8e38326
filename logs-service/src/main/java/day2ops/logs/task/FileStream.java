package day2ops.logs.task;

import day2ops.logs.format.ByteSink;
import day2ops.logs.format.FileLineFormat;
import day2ops.logs.errors.ServiceErrors;
import day2ops.logs.journal.Problems;
import day2ops.logs.journal.ReaderThread;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * One request's read of a sandbox file, line by line from a byte position, on a reader thread, with
 * the same backpressure as journal streams (the next chunk is read once the connection drained).
 * Following parks at the end of the file until {@link FileChangeWatcher} reports a change in its
 * directory; a file that shrank (truncated or replaced by log rotation) is read again from its start.
 */
final class FileStream implements ReaderThread.Parkable {

    private static final Logger LOG = Logger.getLogger(FileStream.class);
    private static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.US_ASCII);

    private final ReaderThread reader;
    private final FileChangeWatcher watcher;
    private final Path file;
    private final HttpServerResponse response;
    private final Context context;
    private final FileLineFormat format;
    private final boolean follow;
    private final int chunkBytes;
    private final Map<String, String> headers;
    private final String path;
    private final ServiceErrors errors;
    private final ByteSink sink;
    private final Runnable onChange = this::changed;

    private FileChannel channel;
    private long position;
    private long remaining;
    private long delivered;
    private boolean started;
    private boolean finished;
    private ByteBuffer buffer = ByteBuffer.allocate(65536);
    private volatile boolean cancelled;

    FileStream(ReaderThread reader, FileChangeWatcher watcher, Path file, long position, long limit, boolean follow,
            FileLineFormat format, int chunkBytes, Map<String, String> headers, HttpServerResponse response, Context context,
            String path, ServiceErrors errors) {
        this.reader = reader;
        this.watcher = watcher;
        this.file = file;
        this.position = position;
        this.remaining = limit;
        this.follow = follow;
        this.format = format;
        this.chunkBytes = chunkBytes;
        this.headers = headers;
        this.response = response;
        this.context = context;
        this.path = path;
        this.errors = errors;
        this.sink = new ByteSink(chunkBytes * 2);
    }

    void start() throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.READ);
        response.closeHandler(v -> cancel());
        response.exceptionHandler(e -> cancel());
        if (follow) {
            watcher.watch(file.getParent(), onChange);
        }
        reader.execute(() -> step(false));
    }

    private void changed() {
        reader.wake(this);
    }

    private void cancel() {
        cancelled = true;
        reader.execute(() -> {
            reader.unpark(this);
            release();
        });
    }

    @Override
    public void resume(boolean ping) {
        step(ping);
    }

    private void release() {
        if (channel != null) {
            if (follow) {
                watcher.unwatch(file.getParent(), onChange);
            }
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debugf("closing %s: %s", file, e.getMessage());
            }
            channel = null;
        }
    }

    private void step(boolean ping) {
        if (cancelled || finished) {
            release();
            return;
        }
        try {
            long size = channel.size();
            if (size < position) {
                position = 0;
            }
            sink.reset();
            boolean atEnd = false;
            boolean done = false;
            while (sink.size() < chunkBytes) {
                if (remaining == 0) {
                    done = true;
                    break;
                }
                buffer.clear();
                int n = channel.read(buffer, position);
                if (n <= 0) {
                    atEnd = true;
                    break;
                }
                byte[] bytes = buffer.array();
                int lineStart = 0;
                int consumed = 0;
                for (int i = 0; i < n && remaining != 0 && sink.size() < chunkBytes; i++) {
                    if (bytes[i] == '\n') {
                        format.write(bytes, lineStart, i - lineStart, position + i, sink);
                        delivered++;
                        if (remaining > 0) {
                            remaining--;
                        }
                        lineStart = i + 1;
                        consumed = i + 1;
                    }
                }
                if (consumed == 0) {
                    if (n == buffer.capacity()) {
                        // One line longer than the buffer: grow and read it again.
                        buffer = ByteBuffer.allocate(buffer.capacity() * 2);
                        continue;
                    }
                    // A partial last line: a finished read delivers it, a follow waits for its newline.
                    if (!follow && remaining != 0) {
                        format.write(bytes, 0, n, position + n - 1, sink);
                        delivered++;
                        position += n;
                    }
                    atEnd = true;
                    break;
                }
                position += consumed;
            }
            done = done || (atEnd && !follow);
            byte[] chunk = sink.size() == 0 ? null : sink.toByteArray();
            if (done) {
                finished = true;
                release();
            }
            if (chunk == null && ping && format == FileLineFormat.EVENT_STREAM) {
                chunk = PING;
            }
            boolean first = !started;
            started = true;
            if (chunk == null && atEnd && !done && !first) {
                reader.park(this);
                return;
            }
            emit(first, chunk, done);
        } catch (IOException e) {
            finished = true;
            release();
            errors.record(ServiceErrors.Type.SANDBOX_READ, "reading " + file + " failed on " + path + ": " + e.getMessage());
            boolean beforeHeaders = !started;
            context.runOnContext(v -> {
                if (beforeHeaders) {
                    Problems.send(response, 500, "reading the sandbox file failed: " + e.getMessage(), path);
                } else {
                    response.reset();
                }
            });
        }
    }

    private void emit(boolean first, byte[] chunk, boolean done) {
        boolean empty = delivered == 0;
        context.runOnContext(v -> {
            if (cancelled) {
                return;
            }
            if (first) {
                if (done && empty) {
                    response.setStatusCode(204);
                    headers.forEach(response::putHeader);
                    response.end();
                    return;
                }
                response.setStatusCode(200).putHeader("Content-Type", format.contentType());
                headers.forEach(response::putHeader);
                response.setChunked(true);
            }
            response.write(Buffer.buffer(chunk == null ? new byte[0] : chunk));
            if (done) {
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
}
