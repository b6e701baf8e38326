package day2ops.common.mesos;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The HTTP plumbing the Mesos clients share: one call to {@code base + path} with a time limit, JSON accepted, the
 * Authorization header asked for at every call, and a non-2xx answer an {@link IOException} naming the endpoint
 * and status ({@code "<peer> <path> answered HTTP <status>"}).
 */
final class MesosHttp {

    /** Lenient reader of Mesos JSON: fields this project does not model are ignored. */
    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final String peer;
    private final URI base;
    private final Duration timeout;
    private final HttpClient http;
    private final Supplier<Optional<String>> authorization;
    private final BiFunction<String, UncheckedIOException, IOException> noCredentials;

    /**
     * @param peer what is called, for messages ({@code "Mesos master"})
     * @param noCredentials the error of a call whose {@code authorization} failed, given the path and the failure
     */
    MesosHttp(String peer, URI base, Duration timeout, Supplier<Optional<String>> authorization,
            BiFunction<String, UncheckedIOException, IOException> noCredentials) {
        this.peer = peer;
        this.base = base;
        this.timeout = timeout;
        this.authorization = authorization;
        this.noCredentials = noCredentials;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    String get(String path) throws IOException {
        return send(path, HttpRequest.BodyPublishers.noBody(), "GET");
    }

    String send(String path, HttpRequest.BodyPublisher body, String method) throws IOException {
        String root = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1)
                : base.toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + path)).timeout(timeout)
                .header("Accept", "application/json").method(method, body);
        if ("POST".equals(method)) {
            request.header("Content-Type", "application/json");
        }
        try {
            authorization.get().ifPresent(value -> request.header("Authorization", value));
        } catch (UncheckedIOException e) {
            throw noCredentials.apply(path, e);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + peer + " " + path, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException(peer + " " + path + " answered HTTP " + response.statusCode());
        }
        return response.body();
    }
}
