package day2ops.debug.exec.mesos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import day2ops.debug.exec.ExecBackend;
import day2ops.debug.exec.ExecProcess;
import day2ops.debug.exec.ExecRequest;
import day2ops.debug.task.RunningTask;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs commands as nested containers of the task's container through the Mesos agent v1 API, the
 * way {@code dcos task exec} does: {@code LAUNCH_NESTED_CONTAINER_SESSION} (its response streams the
 * output as RecordIO {@code ProcessIO} records), {@code ATTACH_CONTAINER_INPUT} (a streaming request:
 * {@code CONTAINER_ID} first, then stdin {@code DATA}, {@code TTY_INFO} on resize and a {@code HEARTBEAT}
 * every interval), and {@code WAIT_CONTAINER} for the exit status.
 */
public final class MesosAgentBackend implements ExecBackend {

    private static final Logger LOG = Logger.getLogger(MesosAgentBackend.class);
    private static final long MAX_RECORD_BYTES = 16 << 20;

    private final URI api;
    private final Optional<String> authorization;
    private final Duration heartbeat;
    private final String path;
    private final HttpClient http;
    private final ScheduledExecutorService heartbeats;

    /**
     * @param agent the agent's base URL ({@code http://127.0.0.1:5051})
     * @param heartbeat interval of HEARTBEAT records on the input stream (Mesos closes idle streams)
     * @param path {@code PATH} of the nested container's command
     */
    public MesosAgentBackend(URI agent, Optional<String> authorization, Duration heartbeat, String path) {
        String base = agent.toString().endsWith("/") ? agent.toString() : agent + "/";
        this.api = URI.create(base + "api/v1");
        this.authorization = authorization;
        this.heartbeat = heartbeat;
        this.path = path;
        // HTTP/1.1: the input stream is a chunked request body, which an h2c upgrade attempt would break.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mesos-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public ExecProcess start(RunningTask task, ExecRequest request) throws IOException {
        String parent = task.containerId().orElseThrow(() -> new IOException(
                "task " + task.taskId() + " has no Mesos container id on this agent"));
        ObjectNode containerId = AgentCalls.containerId(parent, UUID.randomUUID().toString());
        List<String[]> environment = new ArrayList<>();
        environment.add(new String[] {"PATH", path});
        if (request.tty()) {
            environment.add(new String[] {"TERM", request.term()});
        }
        ObjectNode launch = AgentCalls.launchNestedContainerSession(containerId, request.command(), environment,
                task.user().orElse(null), request.tty() ? new int[] {80, 24} : null);
        HttpResponse<InputStream> output = send(post(launch.toString().getBytes(StandardCharsets.UTF_8), "application/json")
                .header("Accept", "application/recordio")
                .header("Message-Accept", "application/json"), "LAUNCH_NESTED_CONTAINER_SESSION");
        return new Session(containerId, output.body(), request.tty());
    }

    private HttpRequest.Builder post(byte[] body, String contentType) {
        return post(HttpRequest.BodyPublishers.ofByteArray(body), contentType);
    }

    private HttpRequest.Builder post(HttpRequest.BodyPublisher body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api).POST(body).header("Content-Type", contentType);
        authorization.ifPresent(value -> request.header("Authorization", value));
        return request;
    }

    private HttpResponse<InputStream> send(HttpRequest.Builder request, String call) throws IOException {
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted during " + call);
        }
        if (response.statusCode() != 200) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(2048), StandardCharsets.UTF_8).strip();
            }
            throw new IOException("Mesos agent " + call + " answered HTTP " + response.statusCode()
                    + (body.isEmpty() ? "" : ": " + body));
        }
        return response;
    }

    /** One nested container: its output demultiplexed, its input as a RecordIO request stream. */
    private final class Session implements ExecProcess {

        private final ObjectNode containerId;
        private final PipedInputStream stdout = new PipedInputStream(64 * 1024);
        private final PipedInputStream stderr = new PipedInputStream(64 * 1024);
        private final RecordStream input = new RecordStream();
        private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
        private final ScheduledFuture<?> heartbeatTask;
        private final boolean tty;
        private boolean inputClosed;

        Session(ObjectNode containerId, InputStream records, boolean tty) throws IOException {
            this.containerId = containerId;
            this.tty = tty;
            PipedOutputStream out = new PipedOutputStream(stdout);
            PipedOutputStream err = new PipedOutputStream(stderr);
            record(AgentCalls.attachContainerId(containerId));
            http.sendAsync(post(HttpRequest.BodyPublishers.ofInputStream(() -> input), "application/recordio")
                            .header("Message-Content-Type", "application/json")
                            .header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> {
                        if (failure != null || response.statusCode() != 200) {
                            LOG.warnf("ATTACH_CONTAINER_INPUT ended: %s", failure != null ? failure.getMessage()
                                    : "HTTP " + response.statusCode());
                        }
                    });
            long nanos = heartbeat.toNanos();
            heartbeatTask = heartbeats.scheduleAtFixedRate(() -> record(AgentCalls.heartbeat(nanos)),
                    nanos, nanos, TimeUnit.NANOSECONDS);
            Thread demux = new Thread(() -> demultiplex(records, out, err), "mesos-output");
            demux.setDaemon(true);
            demux.start();
        }

        private synchronized void record(JsonNode call) {
            if (!inputClosed) {
                input.add(RecordIo.encode(call.toString().getBytes(StandardCharsets.UTF_8)));
            }
        }

        private void demultiplex(InputStream records, PipedOutputStream out, PipedOutputStream err) {
            RecordIo.Decoder decoder = new RecordIo.Decoder(MAX_RECORD_BYTES);
            byte[] buffer = new byte[32 * 1024];
            try (records; out; err) {
                int n;
                while ((n = records.read(buffer)) >= 0) {
                    for (byte[] record : decoder.feed(buffer, 0, n)) {
                        JsonNode processIo = AgentCalls.JSON.readTree(record);
                        if ("DATA".equals(processIo.path("type").asText())) {
                            JsonNode data = processIo.path("data");
                            byte[] bytes = Base64.getDecoder().decode(data.path("data").asText(""));
                            ("STDERR".equals(data.path("type").asText()) ? err : out).write(bytes);
                            ("STDERR".equals(data.path("type").asText()) ? err : out).flush();
                        }
                    }
                }
            } catch (IOException e) {
                LOG.warnf("nested container output ended: %s", e.getMessage());
            } finally {
                finish();
            }
        }

        /** Output is over, so the container has ended: ask for its status and end the input stream. */
        private void finish() {
            heartbeatTask.cancel(false);
            synchronized (this) {
                inputClosed = true;
                input.close();
            }
            try (InputStream in = send(post(AgentCalls.waitContainer(containerId).toString().getBytes(StandardCharsets.UTF_8),
                    "application/json").header("Accept", "application/json"), "WAIT_CONTAINER").body()) {
                JsonNode wait = AgentCalls.JSON.readTree(in).path("wait_container");
                exitCode.complete(wait.has("exit_status") ? AgentCalls.exitCode(wait.path("exit_status").asInt()) : 137);
            } catch (IOException | RuntimeException e) {
                exitCode.completeExceptionally(e);
            }
        }

        @Override
        public OutputStream stdin() {
            return new OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    if (length > 0) {
                        record(AgentCalls.stdin(bytes, offset, length));
                    }
                }

                @Override
                public void close() {
                    record(AgentCalls.stdin(new byte[0], 0, 0));
                }
            };
        }

        @Override
        public InputStream stdout() {
            return stdout;
        }

        @Override
        public Optional<InputStream> stderr() {
            return tty ? Optional.empty() : Optional.of(stderr);
        }

        @Override
        public void resize(int columns, int rows) {
            if (tty) {
                record(AgentCalls.ttyInfo(columns, rows));
            }
        }

        @Override
        public CompletableFuture<Integer> exitCode() {
            return exitCode;
        }

        @Override
        public void kill() {
            try {
                send(post(AgentCalls.killNestedContainer(containerId).toString().getBytes(StandardCharsets.UTF_8),
                        "application/json"), "KILL_NESTED_CONTAINER").body().close();
            } catch (IOException e) {
                LOG.warnf("KILL_NESTED_CONTAINER failed: %s", e.getMessage());
            }
        }
    }
}
