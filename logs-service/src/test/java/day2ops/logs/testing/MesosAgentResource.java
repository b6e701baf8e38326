package day2ops.logs.testing;

import day2ops.journal.testing.IsolatedJournald;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * A stand-in Mesos agent on a loopback port answering {@code GET /state} (and, as the master, {@code GET /master/state} with
 * {@code mesos/master-state.json}) with the recorded
 * response {@code mesos/agent-state.json} (shaped as Mesos 1.11's agent {@code /state}), and an agent work dir
 * with task sandboxes ({@link SandboxFixture}).
 */
public class MesosAgentResource implements QuarkusTestResourceLifecycleManager {

    public static final String FRAMEWORK = "6a1e2f4c-0b5e-4f3a-9d1c-2a7b8c9d0e1f-0001";
    public static final String[][] TASKS = {
            // executor id, container id, application (null: the agent does not know the task)
            {"tenant-a_web.7f1b0c2d-1a2b-11ef-9c3d-0242ac110002", "0b6a4e9c-5c3d-4b8e-a1f2-3c4d5e6f7a81", "/tenant-a/web"},
            {"tenant-b_api.8a2c1d3e-1a2b-11ef-9c3d-0242ac110002", "1c7b5f0d-6d4e-4c9f-b2a3-4d5e6f7a8b92", "/tenant-b/api"},
            {"tenant-c_db.9b3d2e4f-1a2b-11ef-9c3d-0242ac110002", "2d8c6a1e-7e5f-4da0-c3b4-5e6f7a8b9ca3", "/tenant-c/db"},
            {"ghost.0c4e3f5a-1a2b-11ef-9c3d-0242ac110002", "3e9d7b2f-8f6a-4eb1-d4c5-6f7a8b9cadb4", null},
    };

    private HttpServer server;
    private java.nio.file.Path workDir;

    @Override
    public Map<String, String> start() {
        byte[] state;
        byte[] masterState;
        try (InputStream in = MesosAgentResource.class.getClassLoader().getResourceAsStream("mesos/agent-state.json");
                InputStream master = MesosAgentResource.class.getClassLoader().getResourceAsStream("mesos/master-state.json")) {
            state = in.readAllBytes();
            masterState = master.readAllBytes();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/master/state", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, masterState.length);
            exchange.getResponseBody().write(masterState);
            exchange.close();
        });
        server.createContext("/state", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, state.length);
            exchange.getResponseBody().write(state);
            exchange.close();
        });
        server.start();
        try {
            workDir = SandboxFixture.create();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("logs.mesos.agent-url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "logs.mesos.master-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/master",
                "logs.mesos.work-dir", workDir.toString());
    }

    @Override
    public void stop() {
        server.stop(0);
        try {
            IsolatedJournald.deleteTree(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
