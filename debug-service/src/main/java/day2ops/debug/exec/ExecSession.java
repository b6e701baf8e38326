package day2ops.debug.exec;

import day2ops.debug.audit.AsciicastRecorder;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Joins one WebSocket (channel protocol) and one running command: stdin and control messages go to
 * the command in the order they arrived, stdout/stderr come back as channel messages, and the exit
 * status ends the session on channel 3.
 *
 * <p>Threads: the WebSocket's event loop reads messages and never blocks; one input thread writes
 * stdin and applies resizes (so a resize takes effect before the keystrokes sent after it); one thread
 * per output stream reads the command's output and waits for each message to be written (backpressure).
 */
public final class ExecSession {

    private static final Logger LOG = Logger.getLogger(ExecSession.class);
    private static final int READ_BUFFER = 32 * 1024;
    /** Pending stdin beyond this pauses reading the WebSocket until the command has taken it. */
    private static final long PENDING_INPUT_HIGH = 1 << 20;
    private static final long PENDING_INPUT_LOW = 1 << 18;

    /** How a session ended, for the audit record. */
    public record Outcome(int exitCode, String endReason, long bytesIn, long bytesOut) {
    }

    private sealed interface InputAction permits Data, Resize, CloseStdin {
    }

    private record Data(byte[] bytes) implements InputAction {
    }

    private record Resize(ChannelProtocol.TerminalSize size) implements InputAction {
    }

    private record CloseStdin() implements InputAction {
    }

    private final String id;
    private final ServerWebSocket socket;
    private final boolean v5;
    private final ExecRequest request;
    private final ExecProcess process;
    private final Vertx vertx;
    private final Duration idleTimeout;
    private final Duration maxDuration;
    private final InputRateLimiter rateLimiter;
    private final Optional<AsciicastRecorder> recorder;
    private final BlockingQueue<InputAction> input = new LinkedBlockingQueue<>();
    private final AtomicLong pendingInput = new AtomicLong();
    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicLong bytesOut = new AtomicLong();
    private final AtomicBoolean statusSent = new AtomicBoolean();
    private volatile long lastActivity = System.nanoTime();
    private volatile String endReason = "exited";
    private boolean throttled;
    private boolean inputFull;
    private long timer = -1;

    public ExecSession(String id, ServerWebSocket socket, ExecRequest request, ExecProcess process, Vertx vertx,
            Duration idleTimeout, Duration maxDuration, int inputBytesPerSecond, int inputBurstBytes,
            Optional<AsciicastRecorder> recorder) {
        this.id = id;
        this.socket = socket;
        this.v5 = ChannelProtocol.V5.equals(socket.subProtocol());
        this.request = request;
        this.process = process;
        this.vertx = vertx;
        this.idleTimeout = idleTimeout;
        this.maxDuration = maxDuration;
        this.rateLimiter = new InputRateLimiter(inputBytesPerSecond, inputBurstBytes, System.nanoTime());
        this.recorder = recorder;
    }

    /** Starts moving data; {@code onEnd} runs once, when the command has ended and its output is sent. */
    public void start(Consumer<Outcome> onEnd) {
        socket.binaryMessageHandler(this::onMessage);
        socket.closeHandler(closed -> {
            if (!statusSent.get()) {
                endReason = "client-closed";
            }
            process.kill();
        });
        socket.exceptionHandler(e -> LOG.debugf(e, "session %s: WebSocket error", id));
        if (!request.stdin()) {
            input.add(new CloseStdin());
        }
        thread("input", this::writeInput);
        CompletableFuture<Void> stdout = pump(process.stdout(), ChannelProtocol.STDOUT);
        CompletableFuture<Void> stderr = process.stderr()
                .map(stream -> pump(stream, ChannelProtocol.STDERR))
                .orElse(CompletableFuture.completedFuture(null));
        long startedAt = System.nanoTime();
        long checkEvery = Math.max(50, Math.min(idleTimeout.toMillis(), maxDuration.toMillis()) / 10);
        timer = vertx.setPeriodic(checkEvery, id -> checkTimeouts(startedAt));
        process.exitCode().thenCombine(CompletableFuture.allOf(stdout, stderr), (code, outputDone) -> code)
                .whenComplete((code, failure) -> {
                    vertx.cancelTimer(timer);
                    int exitCode = failure == null ? code : -1;
                    sendStatus(failure == null ? ChannelProtocol.exitStatus(exitCode)
                            : ChannelProtocol.failure("InternalError", "the command's status is unknown"));
                    input.add(new CloseStdin());
                    recorder.ifPresent(AsciicastRecorder::close);
                    onEnd.accept(new Outcome(exitCode, endReason, bytesIn.get(), bytesOut.get()));
                });
    }

    private void checkTimeouts(long startedAt) {
        long now = System.nanoTime();
        if (now - startedAt >= maxDuration.toNanos()) {
            endWith("max-duration", "session exceeded its maximum duration of " + maxDuration);
        } else if (now - lastActivity >= idleTimeout.toNanos()) {
            endWith("idle-timeout", "session was idle for " + idleTimeout);
        }
    }

    private void endWith(String reason, String message) {
        vertx.cancelTimer(timer);
        endReason = reason;
        sendStatus(ChannelProtocol.failure("Timeout", message));
        process.kill();
    }

    private void sendStatus(String statusJson) {
        if (statusSent.compareAndSet(false, true)) {
            byte[] json = statusJson.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            socket.writeBinaryMessage(Buffer.buffer(ChannelProtocol.frame(ChannelProtocol.ERROR, json, 0, json.length)))
                    .onComplete(written -> socket.close((short) 1000));
        }
    }

    private void onMessage(Buffer message) {
        if (message.length() == 0) {
            return;
        }
        lastActivity = System.nanoTime();
        int channel = message.getUnsignedByte(0);
        byte[] payload = message.getBytes(1, message.length());
        switch (channel) {
            case ChannelProtocol.STDIN -> {
                if (request.stdin() && payload.length > 0) {
                    bytesIn.addAndGet(payload.length);
                    recorder.ifPresent(r -> r.input(payload, 0, payload.length));
                    queueInput(new Data(payload), payload.length);
                    long delay = rateLimiter.consume(payload.length, System.nanoTime());
                    if (delay > 0) {
                        throttle(delay);
                    }
                }
            }
            case ChannelProtocol.RESIZE -> {
                try {
                    ChannelProtocol.TerminalSize size = ChannelProtocol.parseResize(payload, 0, payload.length);
                    recorder.ifPresent(r -> r.resize(size.width(), size.height()));
                    queueInput(new Resize(size), 0);
                } catch (IllegalArgumentException e) {
                    LOG.warnf("session %s: ignoring resize: %s", id, e.getMessage());
                }
            }
            case ChannelProtocol.CLOSE -> {
                if (v5 && payload.length > 0 && payload[0] == ChannelProtocol.STDIN) {
                    queueInput(new CloseStdin(), 0);
                }
            }
            default -> LOG.debugf("session %s: ignoring message on channel %d", id, channel);
        }
    }

    private void queueInput(InputAction action, int bytes) {
        input.add(action);
        if (pendingInput.addAndGet(bytes) > PENDING_INPUT_HIGH) {
            setInputFull(true);
        }
    }

    private synchronized void throttle(long delayNanos) {
        throttled = true;
        socket.pause();
        vertx.setTimer(Math.max(1, delayNanos / 1_000_000), t -> {
            synchronized (this) {
                throttled = false;
                resumeIfAllowed();
            }
        });
    }

    private synchronized void setInputFull(boolean full) {
        inputFull = full;
        if (full) {
            socket.pause();
        } else {
            resumeIfAllowed();
        }
    }

    private void resumeIfAllowed() {
        if (!throttled && !inputFull) {
            socket.resume();
        }
    }

    private void writeInput() {
        OutputStream stdin = process.stdin();
        boolean open = true;
        try {
            while (true) {
                InputAction action = input.take();
                if (action instanceof Data data) {
                    if (open) {
                        try {
                            stdin.write(data.bytes());
                            stdin.flush();
                        } catch (IOException e) {
                            open = false; // the command closed its input or ended; later input has nowhere to go
                        }
                    }
                    if (pendingInput.addAndGet(-data.bytes().length) < PENDING_INPUT_LOW && inputFull) {
                        setInputFull(false);
                    }
                } else if (action instanceof Resize resize) {
                    try {
                        process.resize(resize.size().width(), resize.size().height());
                    } catch (IOException e) {
                        LOG.warnf("session %s: resize failed: %s", id, e.getMessage());
                    }
                } else if (action instanceof CloseStdin) {
                    if (open) {
                        open = false;
                        closeQuietly(stdin);
                    }
                    if (process.exitCode().isDone()) {
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private CompletableFuture<Void> pump(InputStream stream, int channel) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        thread(channel == ChannelProtocol.STDOUT ? "stdout" : "stderr", () -> {
            byte[] buffer = new byte[READ_BUFFER];
            boolean deliver = true;
            try (stream) {
                int n;
                while ((n = stream.read(buffer)) >= 0) {
                    if (n == 0 || !deliver) {
                        continue;
                    }
                    lastActivity = System.nanoTime();
                    bytesOut.addAndGet(n);
                    int length = n;
                    recorder.ifPresent(r -> r.output(buffer, 0, length));
                    try {
                        socket.writeBinaryMessage(Buffer.buffer(ChannelProtocol.frame(channel, buffer, 0, n)))
                                .toCompletionStage().toCompletableFuture().get();
                    } catch (ExecutionException e) {
                        deliver = false; // the client is gone; keep draining so the command is not blocked
                    }
                }
            } catch (IOException e) {
                LOG.debugf("session %s: %s ended: %s", id, channel, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                done.complete(null);
            }
        });
        return done;
    }

    private void thread(String role, Runnable body) {
        Thread thread = new Thread(body, "exec-" + id + "-" + role);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // already closed by the command's exit
        }
    }
}
