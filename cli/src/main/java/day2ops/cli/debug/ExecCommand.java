package day2ops.cli.debug;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code day2 task exec [-i] [-t] TASK -- COMMAND [ARG…]}: runs a command inside a running task over the
 * debug API's WebSocket ({@code v5.channel.k8s.io}); exits with the remote command's exit code.
 */
@Command(name = "exec",
        mixinStandardHelpOptions = true,
        description = {"Run a command inside a running task; exit with its exit code (128+n after signal n).",
            "With -t the local terminal is put in raw mode and window size changes follow; Ctrl-P Ctrl-Q detaches.",
            "Example: day2 task exec -it team_app.6f1c -- /bin/sh"})
public class ExecCommand implements Callable<Integer> {

    private static final String V5 = "v5.channel.k8s.io";
    private static final String V4 = "v4.channel.k8s.io";

    @Spec
    CommandSpec spec;

    @Mixin
    DebugApiOptions api;

    @Option(names = {"-i", "--interactive"}, description = "Pass stdin to the command.")
    boolean interactive;

    @Option(names = {"-t", "--tty"}, description = "Run the command on a terminal (needs a local terminal).")
    boolean tty;

    @Parameters(index = "0", paramLabel = "TASK", description = "The task id.")
    String task;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND", description = "The command and its arguments (after --).")
    List<String> command;

    private final Object sendLock = new Object();
    private WebSocket socket;

    @Override
    public Integer call() throws Exception {
        String token = api.token();
        if (token == null) {
            throw new ParameterException(spec.commandLine(), "no token: pass --token or --token-file, or set DAY2OPS_TOKEN or DAY2OPS_TOKEN_FILE");
        }
        boolean terminal = tty && System.console() != null;
        if (tty && !terminal) {
            System.err.println("day2: unable to use a TTY: input is not a terminal; running without one");
        }
        String query = command.stream().map(c -> "command=" + URLEncoder.encode(c, StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")) + "&stdin=" + interactive + "&tty=" + terminal
                + (terminal ? localTerm().map(term -> "&term=" + term).orElse("") : "");
        URI uri = DebugApiOptions.webSocket(api.resolve(
                "/v1/tasks/" + URLEncoder.encode(task, StandardCharsets.UTF_8) + "/exec?" + query));

        Output output = new Output(System.out, System.err);
        try {
            socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .header("Authorization", "token=" + token)
                    .subprotocols(V5, V4)
                    .connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(uri, output).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                System.err.println("day2: exec refused: HTTP " + refused.getResponse().statusCode() + " "
                        + explain(refused.getResponse().statusCode()));
            } else {
                System.err.println("day2: cannot reach " + uri + ": " + e.getCause().getMessage());
            }
            return 1;
        }
        boolean v5 = V5.equals(socket.getSubprotocol());

        String savedTerminal = null;
        Thread restoreOnExit = null;
        DetachDetector detach = new DetachDetector();
        CompletableFuture<Void> detached = new CompletableFuture<>();
        try {
            if (terminal) {
                savedTerminal = Terminal.enterRawMode();
                String saved = savedTerminal;
                restoreOnExit = new Thread(() -> Terminal.restore(saved));
                Runtime.getRuntime().addShutdownHook(restoreOnExit);
                Terminal.size().ifPresent(this::resize);
                sun.misc.Signal.handle(new sun.misc.Signal("WINCH"), signal -> Terminal.size().ifPresent(this::resize));
            }
            if (interactive) {
                Thread input = new Thread(() -> forwardInput(System.in, detach, detached, v5), "stdin");
                input.setDaemon(true);
                input.start();
            }
            CompletableFuture.anyOf(output.status, output.closed, detached).join();
        } finally {
            if (savedTerminal != null) {
                Terminal.restore(savedTerminal);
                Runtime.getRuntime().removeShutdownHook(restoreOnExit);
            }
        }
        if (detached.isDone()) {
            System.err.println("day2: detached; the session ends with the connection");
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "detached");
            return 0;
        }
        if (!output.status.isDone()) {
            System.err.println("day2: the connection closed before the command's status arrived");
            return 1;
        }
        ExecStatus.Outcome outcome = ExecStatus.parse(output.status.join());
        if (outcome.message() != null) {
            System.err.println("day2: " + outcome.message());
        }
        return outcome.exitCode();
    }

    /** The local {@code TERM}, so the remote side speaks the same terminal; only names the server accepts. */
    private static java.util.Optional<String> localTerm() {
        String term = System.getenv("TERM");
        return term != null && term.matches("[A-Za-z0-9._+-]{1,64}") ? java.util.Optional.of(term) : java.util.Optional.empty();
    }

    private static String explain(int status) {
        return switch (status) {
            case 401 -> "(no valid token: check --token / DAY2OPS_TOKEN)";
            case 403 -> "(the token lacks dcos:adminrouter:ops:debug or the task's application permission)";
            case 404 -> "(no such task on that node)";
            case 429 -> "(too many exec sessions; close one and retry)";
            default -> "";
        };
    }

    private void forwardInput(InputStream in, DetachDetector detach, CompletableFuture<Void> detached, boolean v5) {
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                byte[] forward = tty ? detach.filter(buffer, n) : java.util.Arrays.copyOf(buffer, n);
                if (forward.length > 0) {
                    send(0, forward);
                }
                if (detach.detached()) {
                    detached.complete(null);
                    return;
                }
            }
            if (v5) {
                send(255, new byte[] {0});
            }
        } catch (IOException | RuntimeException e) {
            // the session is over; the status (or close) already decides the exit code
        }
    }

    private void resize(int[] columnsRows) {
        send(4, ("{\"Width\":" + columnsRows[0] + ",\"Height\":" + columnsRows[1] + "}").getBytes(StandardCharsets.US_ASCII));
    }

    private void send(int channel, byte[] payload) {
        byte[] message = new byte[payload.length + 1];
        message[0] = (byte) channel;
        System.arraycopy(payload, 0, message, 1, payload.length);
        synchronized (sendLock) {
            // The JDK WebSocket allows one outstanding send at a time.
            socket.sendBinary(ByteBuffer.wrap(message), true).join();
        }
    }

    /** Writes stdout and stderr channels as they arrive; completes on the status message or the close. */
    static final class Output implements WebSocket.Listener {

        final CompletableFuture<String> status = new CompletableFuture<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final PrintStream out;
        private final PrintStream err;
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        Output(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            partial.write(bytes, 0, bytes.length);
            if (last) {
                byte[] message = partial.toByteArray();
                partial.reset();
                if (message.length > 0) {
                    deliver(message[0] & 0xff, message);
                }
            }
            webSocket.request(1);
            return null;
        }

        private void deliver(int channel, byte[] message) {
            switch (channel) {
                case 1 -> {
                    out.write(message, 1, message.length - 1);
                    out.flush();
                }
                case 2 -> {
                    err.write(message, 1, message.length - 1);
                    err.flush();
                }
                case 3 -> status.complete(new String(message, 1, message.length - 1, StandardCharsets.UTF_8));
                default -> {
                }
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
