package day2ops.common.marathon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * A small client of Marathon's REST API: {@code GET /v2/queue?embed=lastUnusedOffers}. Every call has a
 * time limit; a non-2xx answer is an {@link IOException} naming the endpoint and status. Parsing is
 * separate and pure, so recorded responses test it.
 */
public final class MarathonClient {

    static final String QUEUE_PATH = "/v2/queue?embed=lastUnusedOffers";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;
    private final Optional<String> authorization;

    /**
     * @param base Marathon's base URL, e.g. {@code http://127.0.0.1:8080} or {@code https://master/service/marathon}
     * @param authorization the Authorization header value to send (a service account token), if any
     */
    public MarathonClient(URI base, Duration timeout, Optional<String> authorization) {
        this.base = base;
        this.timeout = timeout;
        this.authorization = authorization;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The launch queue with each entry's last unused offers. */
    public MarathonQueue queue() throws IOException {
        return parseQueue(get(QUEUE_PATH));
    }

    public static MarathonQueue parseQueue(String json) throws IOException {
        return JSON.readValue(json, MarathonQueue.class);
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
            throw new IOException("interrupted while calling Marathon " + path, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("Marathon " + path + " answered HTTP " + response.statusCode());
        }
        return response.body();
    }
}
