package day2ops.diagnostics.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** The answer of an HTTP endpoint (GET), body streamed through redaction; a non-2xx status is a failure. */
final class EndpointCollector implements Collector {

    private final String name;
    private final URI url;
    private final boolean optional;
    private final Duration timeout;
    private final HttpClient http;
    private final Redactor redactor;

    EndpointCollector(String name, URI url, boolean optional, Duration timeout, HttpClient http, Redactor redactor) {
        this.name = name;
        this.url = url;
        this.optional = optional;
        this.timeout = timeout;
        this.http = http;
        this.redactor = redactor;
    }

    @Override
    public String entryName() {
        return "endpoints/" + name;
    }

    @Override
    public String description() {
        return "endpoint " + name + " (" + url + ")";
    }

    @Override
    public boolean optional() {
        return optional;
    }

    @Override
    public void collect(OutputStream out) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new IOException("GET " + url + " failed: " + describe(e), e);
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        // The request timeout ends at the headers: a body that stalls is cut by closing it at the deadline.
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> {
            timedOut.set(true);
            try {
                response.body().close();
            } catch (IOException ignored) {
                // Closing is all we can do.
            }
        }, CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
        try (InputStream body = response.body()) {
            redactor.text(out).copy(body);
        } catch (IOException e) {
            if (timedOut.get()) {
                throw new IOException("GET " + url + " did not finish within " + timeout.toSeconds() + "s", e);
            }
            throw new IOException("GET " + url + " failed while reading: " + describe(e), e);
        } finally {
            watchdog.cancel(false);
        }
        if (timedOut.get()) {
            throw new IOException("GET " + url + " did not finish within " + timeout.toSeconds() + "s");
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("GET " + url + " answered " + response.statusCode());
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
