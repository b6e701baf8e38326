package day2ops.diagnostics.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import day2ops.common.auth.Permissions;
import day2ops.common.testing.TestKeyResource;
import day2ops.common.testing.TestTokens;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A node that was down answers again at once: the client does not sit out gRPC's reconnect backoff (which
 * would report the node unknown for up to two minutes after it came back).
 */
@QuarkusTest
@WithTestResource(TestKeyResource.class)
class NodePlaneReconnectTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void aNodeThatComesBackAnswersTheVeryNextCall() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String token = TestTokens.token("svc-diagnostics", Permissions.SYSTEM_HEALTH);
        try (NodePlaneClient node = new NodePlaneClient("127.0.0.1", port, token, Duration.ofSeconds(30))) {
            StatusRuntimeException down = assertThrows(StatusRuntimeException.class, () -> node.runChecks(List.of("disk_ok")));
            assertEquals(Status.Code.UNAVAILABLE, down.getStatus().getCode());
            // The node comes back on the same port: the next call is answered, not failed from the backoff.
            try (Forwarder back = new Forwarder(port, root.getPort())) {
                assertEquals(0, node.runChecks(List.of("disk_ok")).status());
            }
        }
    }

    /** Accepts on {@code port} and pipes each connection to the test application. */
    private static final class Forwarder implements AutoCloseable {

        private final ServerSocket server;

        Forwarder(int port, int target) throws IOException {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                        pipe(client, upstream);
                        pipe(upstream, client);
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "forwarder");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private static void pipe(Socket from, Socket to) {
            Thread copy = new Thread(() -> {
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    in.transferTo(out);
                } catch (IOException e) {
                    // the other side closed
                } finally {
                    try {
                        to.close();
                    } catch (IOException ignored) {
                        // already closed
                    }
                }
            }, "forwarder-copy");
            copy.setDaemon(true);
            copy.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
