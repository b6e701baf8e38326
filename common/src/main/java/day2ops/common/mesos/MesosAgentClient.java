package day2ops.common.mesos;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A small client of the Mesos agent's operator HTTP endpoints ({@code GET /containers},
 * {@code GET /state}, and the v1 API's {@code GET_CONTAINERS} on {@code POST /api/v1}). Every
 * call has a time limit; a non-2xx answer is an {@link IOException} naming the endpoint and
 * status. Parsing is separate and pure, so recorded responses test it.
 */
public final class MesosAgentClient {

    private static final ObjectMapper JSON = MesosHttp.JSON;

    private final MesosHttp http;

    /**
     * @param base the agent's base URL, e.g. {@code http://127.0.0.1:5051} (a path prefix is kept,
     *     for agents reached through a proxy such as {@code https://master/agent/<id>})
     * @param authorization the Authorization header value to send (a service account token), if any
     */
    public MesosAgentClient(URI base, Duration timeout, Optional<String> authorization) {
        this(base, timeout, () -> authorization);
    }

    /**
     * @param authorization asked before every call for the Authorization header value, so a
     *     rotated token is picked up without a restart; may throw {@link UncheckedIOException},
     *     which the call reports as an {@link IOException}
     * @see #serviceAccountToken(Path)
     */
    public MesosAgentClient(URI base, Duration timeout, Supplier<Optional<String>> authorization) {
        this.http = new MesosHttp("Mesos agent", base, timeout, authorization, (path, e) -> new IOException(
                "cannot authenticate to Mesos agent " + path + ": " + e.getCause().getMessage(), e.getCause()));
    }

    /**
     * An Authorization source reading a service account token (a JWT) from a file at every call
     * and sending it as {@code token=<jwt>}, the DC/OS form. A missing or empty file is an error of
     * the call, not a silent unauthenticated request.
     */
    public static Supplier<Optional<String>> serviceAccountToken(Path file) {
        return () -> {
            try {
                String token = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (token.isEmpty()) {
                    throw new UncheckedIOException(new IOException("service account token file " + file + " is empty"));
                }
                return Optional.of("token=" + token);
            } catch (NoSuchFileException e) {
                throw new UncheckedIOException(
                        new IOException("service account token file " + file + " does not exist", e));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** {@code GET /containers}: the agent's running containers with their resource statistics. */
    public List<AgentContainer> containers() throws IOException {
        return parseContainers(http.get("/containers"));
    }

    /** {@code GET /state}: frameworks, executors and tasks on this agent. */
    public AgentState state() throws IOException {
        return parseState(http.get("/state"));
    }

    /**
     * v1 {@code GET_CONTAINERS} ({@code POST /api/v1}): containers with their resource statistics.
     *
     * @param showNested include nested containers (the tasks of a pod)
     * @param showStandalone include standalone containers (launched by the operator, no executor)
     */
    public List<AgentContainerV1> getContainers(boolean showNested, boolean showStandalone) throws IOException {
        String call = "{\"type\":\"GET_CONTAINERS\",\"get_containers\":{\"show_nested\":" + showNested
                + ",\"show_standalone\":" + showStandalone + "}}";
        return parseGetContainers(http.send("/api/v1", HttpRequest.BodyPublishers.ofString(call), "POST"));
    }

    /** Parses a v1 {@code GET_CONTAINERS} response; any other response type is an error. */
    public static List<AgentContainerV1> parseGetContainers(String json) throws IOException {
        JsonNode root = JSON.readTree(json);
        if (root == null || !"GET_CONTAINERS".equals(root.path("type").asText())) {
            throw new IOException("Mesos agent /api/v1 answered a response of type '"
                    + (root == null ? "" : root.path("type").asText()) + "', expected GET_CONTAINERS");
        }
        JsonNode containers = root.path("get_containers").path("containers");
        if (containers.isMissingNode() || containers.isNull()) {
            return List.of();
        }
        return JSON.convertValue(containers, new TypeReference<List<AgentContainerV1>>() {
        });
    }

    public static List<AgentContainer> parseContainers(String json) throws IOException {
        List<AgentContainer> containers = JSON.readValue(json, new TypeReference<List<AgentContainer>>() {
        });
        return containers == null ? List.of() : containers;
    }

    public static AgentState parseState(String json) throws IOException {
        return JSON.readValue(json, AgentState.class);
    }
}
