package day2ops.common.mesos;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A small client of the Mesos agent's operator HTTP endpoints ({@code GET /containers},
 * {@code GET /state}). Every call has a time limit; a non-2xx answer is an {@link IOException}
 * naming the endpoint and status. Parsing is separate and pure, so recorded responses test it.
 */
public final class MesosAgentClient {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;
    private final Optional<String> authorization;

    /**
     * @param base the agent's base URL, e.g. {@code http://127.0.0.1:5051} (a path prefix is kept,
     *     for agents reached through a proxy such as {@code https://master/agent/<id>})
     * @param authorization the Authorization header value to send (a service account token), if any
     */
    public MesosAgentClient(URI base, Duration timeout, Optional<String> authorization) {
        this.base = base;
        this.timeout = timeout;
        this.authorization = authorization;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** {@code GET /containers}: the agent's running containers with their resource statistics. */
    public List<AgentContainer> containers() throws IOException {
        return parseContainers(get("/containers"));
    }

    /** {@code GET /state}: frameworks, executors and tasks on this agent. */
    public AgentState state() throws IOException {
        return parseState(get("/state"));
    }

    public static List<AgentContainer> parseContainers(String json) throws IOException {
        List<AgentContainer> containers = JSON.readValue(json, new TypeReference<List<AgentContainer>>() {
        });
        return containers == null ? List.of() : containers;
    }

    public static AgentState parseState(String json) throws IOException {
        return JSON.readValue(json, AgentState.class);
    }

    private String get(String path) throws IOException {
        String root = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1)
                : base.toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + path)).timeout(timeout)
                .header("Accept", "application/json").GET();
        authorization.ifPresent(value -> request.header("Authorization", value));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling Mesos agent " + path, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("Mesos agent " + path + " answered HTTP " + response.statusCode());
        }
        return response.body();
    }
}
