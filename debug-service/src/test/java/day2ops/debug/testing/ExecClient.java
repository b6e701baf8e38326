package day2ops.debug.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** A channel-protocol exec client on the JDK's WebSocket, for tests: collects output per channel. */
public final class ExecClient implements WebSocket.Listener, AutoCloseable {

    private static final long WAIT_SECONDS = 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Integer, ByteArrayOutputStream> channels = new HashMap<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final CompletableFuture<String> status = new CompletableFuture<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private WebSocket socket;

    private ExecClient() {
    }

    /** {@code ws://127.0.0.1:port/v1/tasks/{task}/exec?command=…&stdin=…&tty=…}. */
    public static URI uri(int port, String task, List<String> command, boolean stdin, boolean tty) {
        String query = command.stream().map(c -> "command=" + URLEncoder.encode(c, StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")) + "&stdin=" + stdin + "&tty=" + tty;
        return URI.create("ws://127.0.0.1:" + port + "/v1/tasks/" + task + "/exec?" + query);
    }

    public static ExecClient open(URI uri, String token, String protocol, String... moreProtocols) throws Exception {
        ExecClient client = new ExecClient();
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "token=" + token)
                .subprotocols(protocol, moreProtocols)
                .connectTimeout(Duration.ofSeconds(WAIT_SECONDS))
                .buildAsync(uri, client)
                .get(WAIT_SECONDS, TimeUnit.SECONDS);
        return client;
    }

    public String subprotocol() {
        return socket.getSubprotocol();
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        partial.write(bytes, 0, bytes.length);
        if (last) {
            byte[] message = partial.toByteArray();
            partial.reset();
            int channel = message[0] & 0xff;
            synchronized (this) {
                channels.computeIfAbsent(channel, c -> new ByteArrayOutputStream()).write(message, 1, message.length - 1);
                notifyAll();
            }
            if (channel == 3) {
                status.complete(new String(message, 1, message.length - 1, StandardCharsets.UTF_8));
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        synchronized (this) {
            notifyAll();
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
        status.completeExceptionally(error);
    }

    public synchronized String output(int channel) {
        ByteArrayOutputStream out = channels.get(channel);
        return out == null ? "" : out.toString(StandardCharsets.UTF_8);
    }

    /** Waits until {@code channel}'s output contains {@code text}; fails with what arrived instead. */
    public synchronized String awaitOutput(int channel, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!output(channel).contains(text)) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0 || closed.isDone()) {
                throw new AssertionError("channel " + channel + " never showed '" + text + "'; got: '" + output(channel)
                        + "', status: " + status.getNow("none"));
            }
            wait(Math.min(left, 200));
        }
        return output(channel);
    }

    public void send(int channel, byte[] payload) throws Exception {
        byte[] message = new byte[payload.length + 1];
        message[0] = (byte) channel;
        System.arraycopy(payload, 0, message, 1, payload.length);
        socket.sendBinary(ByteBuffer.wrap(message), true).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    public void stdin(String text) throws Exception {
        send(0, text.getBytes(StandardCharsets.UTF_8));
    }

    public void resize(int width, int height) throws Exception {
        send(4, ("{\"Width\":" + width + ",\"Height\":" + height + "}").getBytes(StandardCharsets.UTF_8));
    }

    /** v5: {@code [255, 0]}, the end of stdin. */
    public void closeStdin() throws Exception {
        send(255, new byte[] {0});
    }

    /** The final status message (channel 3). */
    public JsonNode awaitStatus() throws Exception {
        return JSON.readTree(status.get(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    /** The close code the server sent. */
    public int awaitClose() throws Exception {
        return closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (!closed.isDone() && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "");
        }
    }
}
