package day2ops.common.mesos;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A small client of the Mesos master's operator HTTP endpoints ({@code GET /master/slaves}). Every call has a time
 * limit; a non-2xx answer is an {@link IOException} naming the endpoint and status. Parsing is separate and pure,
 * so recorded responses test it.
 */
public final class MesosMasterClient {

    private static final ObjectMapper JSON = MesosHttp.JSON;

    private final MesosHttp http;

    /**
     * @param base the master's base URL, e.g. {@code http://leader.mesos:5050} (a path prefix is kept, for a
     *     master reached through a proxy such as {@code https://master/mesos})
     * @param authorization the Authorization header value to send (a service account token), if any
     */
    public MesosMasterClient(URI base, Duration timeout, Optional<String> authorization) {
        this(base, timeout, () -> authorization);
    }

    /**
     * @param authorization asked before every call for the Authorization header value, so a rotated token applies
     *     at once; an {@link UncheckedIOException} it throws (token file unreadable) fails the call as an
     *     {@link IOException}
     */
    public MesosMasterClient(URI base, Duration timeout, Supplier<Optional<String>> authorization) {
        this.http = new MesosHttp("Mesos master", base, timeout, authorization, (path, e) -> new IOException(
                "no credentials for Mesos master " + path + ": " + e.getMessage(), e));
    }

    /** {@code GET /master/slaves}: the agents registered with the master. */
    public List<MasterAgent> agents() throws IOException {
        return parseAgents(http.get("/master/slaves"));
    }

    /** The {@code "slaves"} of a {@code /master/slaves} body (agents the master only recovered are not included). */
    public static List<MasterAgent> parseAgents(String json) throws IOException {
        Slaves slaves = JSON.readValue(json, Slaves.class);
        if (slaves == null || slaves.slaves() == null) {
            throw new IOException("Mesos master /master/slaves answered without a \"slaves\" array");
        }
        return List.copyOf(slaves.slaves());
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Slaves(@JsonProperty("slaves") List<MasterAgent> slaves) {
    }
}
