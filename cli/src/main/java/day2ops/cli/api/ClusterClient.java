package day2ops.cli.api;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Calls the cluster through Adminrouter: sends the token, follows redirects itself (the token goes only to
 * the cluster's own origin), and turns every failure into a {@link CliException} with one clear line.
 */
public final class ClusterClient {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_REDIRECTS = 5;

    private final URI base;
    private final String token;
    private final HttpClient http;

    public ClusterClient(URI base, String token) {
        this.base = base;
        this.token = token;
        // HTTP/1.1: no h2c upgrade dance with Adminrouter or a service addressed directly; streams stay plain
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The absolute URI of {@code pathAndQuery} below the cluster URL (keeping a path prefix of the URL). */
    public URI uri(String pathAndQuery) {
        String b = base.toString();
        return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + pathAndQuery);
    }

    /** A path segment, percent-encoded (spaces as {@code %20}). */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code GET} with {@code Accept: application/json}: the body, or {@code null} for 204. */
    public JsonStructure getJson(String pathAndQuery) {
        HttpResponse<String> response = send("GET", uri(pathAndQuery), "application/json", null);
        return response.statusCode() == 204 ? null : parseJson(response);
    }

    /** A request with an optional JSON body; errors (≥ 400) become {@link ApiException}. */
    public HttpResponse<String> send(String method, URI uri, String accept, String jsonBody) {
        HttpResponse<String> response = exchange(method, uri, accept, jsonBody, Map.of(),
                HttpResponse.BodyHandlers.ofString(), REQUEST_TIMEOUT);
        if (response.statusCode() >= 400) {
            throw new ApiException(response.statusCode(), explain(response.statusCode(), response.body()));
        }
        return response;
    }

    /**
     * {@code GET} whose body is read as it arrives (logs, downloads): no overall timeout once headers are in.
     * Errors (≥ 400) become {@link ApiException}; the response's {@code uri()} is where redirects led.
     */
    public HttpResponse<InputStream> stream(URI uri, String accept, Map<String, String> headers) {
        HttpResponse<InputStream> response = exchange("GET", uri, accept, null, headers,
                HttpResponse.BodyHandlers.ofInputStream(), REQUEST_TIMEOUT);
        if (response.statusCode() >= 400) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(16 * 1024), StandardCharsets.UTF_8);
            } catch (IOException e) {
                body = "";
            }
            throw new ApiException(response.statusCode(), explain(response.statusCode(), body));
        }
        return response;
    }

    private <T> HttpResponse<T> exchange(String method, URI uri, String accept, String jsonBody,
            Map<String, String> headers, HttpResponse.BodyHandler<T> handler, Duration timeout) {
        URI current = uri;
        String currentMethod = method;
        for (int hop = 0; ; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(current).timeout(timeout).header("Accept", accept);
            headers.forEach(request::header);
            if (token != null && sameOrigin(current, base)) {
                request.header("Authorization", "token=" + token);
            }
            if (jsonBody != null && !currentMethod.equals("GET")) {
                request.header("Content-Type", "application/json")
                        .method(currentMethod, HttpRequest.BodyPublishers.ofString(jsonBody));
            } else {
                request.method(currentMethod, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<T> response = execute(request.build(), handler);
            int status = response.statusCode();
            if (status < 300 || status >= 400 || status == 304) {
                return response;
            }
            String location = response.headers().firstValue("Location").orElse(null);
            discard(response);
            if (location == null) {
                throw new CliException(status + " redirect from " + current + " without a Location header");
            }
            if (hop >= MAX_REDIRECTS) {
                throw new CliException("more than " + MAX_REDIRECTS + " redirects, last to " + location);
            }
            current = current.resolve(location);
            if (status == 303) {
                currentMethod = "GET";
            }
        }
    }

    private <T> HttpResponse<T> execute(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while calling " + request.uri());
        } catch (IOException e) {
            throw unreachable(request.uri(), e);
        }
    }

    /** What to tell the user when {@code uri} could not be called at all. */
    public CliException unreachable(URI uri, IOException e) {
        String where = uri.getScheme() + "://" + uri.getAuthority();
        if (e instanceof HttpConnectTimeoutException) {
            return new CliException("cannot connect to " + where + ": timed out after " + CONNECT_TIMEOUT.toSeconds()
                    + " s", CliException.UNREACHABLE);
        }
        if (e instanceof HttpTimeoutException) {
            return new CliException("no answer from " + uri + " within " + REQUEST_TIMEOUT.toSeconds() + " s",
                    CliException.UNREACHABLE);
        }
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof ConnectException) && !(cause instanceof UnknownHostException)) {
            cause = cause.getCause();
        }
        if (cause instanceof ConnectException) {
            return new CliException("cannot connect to " + where + ": connection refused (is the cluster up? "
                    + "set --url or DAY2OPS_URL)", CliException.UNREACHABLE);
        }
        if (cause instanceof UnknownHostException) {
            return new CliException("cannot connect to " + where + ": unknown host " + uri.getHost(),
                    CliException.UNREACHABLE);
        }
        return new CliException("request to " + uri + " failed: " + Objects.toString(e.getMessage(),
                e.getClass().getSimpleName()), CliException.UNREACHABLE);
    }

    private String explain(int status, String body) {
        String message = HttpProblems.message(status, body);
        if (status == 401 && token == null) {
            message += " (no token: pass --token, set DAY2OPS_TOKEN or DAY2OPS_TOKEN_FILE)";
        }
        return message;
    }

    private static JsonStructure parseJson(HttpResponse<String> response) {
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.read();
        } catch (RuntimeException e) {
            throw new CliException("the answer of " + response.uri() + " is not JSON (HTTP " + response.statusCode() + ")");
        }
    }

    private static void discard(HttpResponse<?> response) {
        if (response.body() instanceof InputStream in) {
            try {
                in.close();
            } catch (IOException ignored) {
                // the redirect's own body is of no interest
            }
        }
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
