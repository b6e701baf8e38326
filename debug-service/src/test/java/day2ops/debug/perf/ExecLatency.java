package day2ops.debug.perf;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Measurements for the closing note, not a unit test (JDK only, so it runs as a single source file):
 * <pre>
 * java ExecLatency.java latency  ws://127.0.0.1:8104/v1/tasks/TASK/exec TOKEN 2000
 * java ExecLatency.java sessions ws://127.0.0.1:8104/v1/tasks/TASK/exec TOKEN 200 SERVICE_PID
 * </pre>
 * {@code latency}: a TTY session running {@code cat}; each keystroke is sent and timed until the
 * terminal's echo arrives on stdout (sequential round trips); prints p50/p90/p99/max.
 * {@code sessions}: opens N idle sessions ({@code sleep 3600}), then prints the service's RSS
 * ({@code /proc/PID/status}) before and after, and the open sessions' count.
 */
public final class ExecLatency {

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        URI base = URI.create(args[1]);
        String token = args[2];
        int n = Integer.parseInt(args[3]);
        if (mode.equals("latency")) {
            latency(base, token, n);
        } else {
            sessions(base, token, n, Long.parseLong(args[4]));
        }
    }

    private static WebSocket open(URI uri, String token, WebSocket.Listener listener) throws Exception {
        return HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "token=" + token)
                .subprotocols("v5.channel.k8s.io").buildAsync(uri, listener).get(30, TimeUnit.SECONDS);
    }

    private static void latency(URI base, String token, int n) throws Exception {
        LinkedBlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
        WebSocket socket = open(URI.create(base + "?command=cat&stdin=true&tty=true"), token, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                if (data.get(0) == 1) {
                    arrivals.add(System.nanoTime());
                }
                webSocket.request(1);
                return null;
            }
        });
        socket.sendBinary(ByteBuffer.wrap("\u0004{\"Width\":80,\"Height\":24}".getBytes(java.nio.charset.StandardCharsets.US_ASCII)), true).get();
        long[] rounds = new long[n];
        for (int i = -50; i < n; i++) { // 50 warm-up keystrokes
            arrivals.clear();
            long sent = System.nanoTime();
            socket.sendBinary(ByteBuffer.wrap(new byte[] {0, 'x'}), true).get();
            Long echoed = arrivals.poll(10, TimeUnit.SECONDS);
            if (echoed == null) {
                throw new IllegalStateException("no echo for keystroke " + i);
            }
            if (i >= 0) {
                rounds[i] = echoed - sent;
            }
            if (i % 100 == 99) { // keep the terminal's line short: erase with Ctrl-U
                socket.sendBinary(ByteBuffer.wrap(new byte[] {0, 0x15}), true).get();
                Thread.sleep(5);
            }
        }
        Arrays.sort(rounds);
        System.out.printf("keystroke round trips: n=%d p50=%.2f ms p90=%.2f ms p99=%.2f ms max=%.2f ms%n", n,
                rounds[n / 2] / 1e6, rounds[n * 90 / 100] / 1e6, rounds[n * 99 / 100] / 1e6, rounds[n - 1] / 1e6);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get();
    }

    private static void sessions(URI base, String token, int n, long servicePid) throws Exception {
        long before = rssKb(servicePid);
        List<WebSocket> open = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            open.add(open(URI.create(base + "?command=sleep&command=3600"), token, new WebSocket.Listener() {
            }));
        }
        Thread.sleep(3000);
        System.gc();
        long after = rssKb(servicePid);
        System.out.printf("%d idle sessions: service RSS %d MiB -> %d MiB (%.1f KiB per session)%n", n,
                before / 1024, after / 1024, (after - before) / (double) n);
        for (WebSocket socket : open) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "");
        }
        Thread.sleep(2000);
    }

    private static long rssKb(long pid) throws Exception {
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }
}
