package day2ops.cli.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Follows an event stream and survives dropped connections: after the stream ends or breaks it reconnects
 * (with a growing pause) to where the first request ended up after redirects, sending
 * {@code Last-Event-ID} so the server resumes right after the last event delivered — nothing lost,
 * nothing repeated. The first connection failing is an error; later ones are retried (502/503/504 too,
 * as while a service restarts behind Adminrouter); any other HTTP error on reconnect ends the follow.
 */
public final class EventStreamFollower {

    private final ClusterClient client;
    private final PrintStream notices;
    private final Duration firstPause;
    private final Duration maxPause;

    public EventStreamFollower(ClusterClient client, PrintStream notices, Duration firstPause, Duration maxPause) {
        this.client = client;
        this.notices = notices;
        this.firstPause = firstPause;
        this.maxPause = maxPause;
    }

    /** Follows {@code uri} until {@code consumer} returns {@code false} (or forever). */
    public void follow(URI uri, Predicate<ServerSentEvents.Event> consumer) {
        ServerSentEvents parser = new ServerSentEvents(null);
        URI target = uri;
        Duration pause = firstPause;
        boolean connectedOnce = false;
        while (true) {
            Map<String, String> headers = new HashMap<>();
            if (parser.lastEventId() != null) {
                headers.put("Last-Event-ID", parser.lastEventId());
            }
            String problem;
            try {
                HttpResponse<InputStream> response = client.stream(target, "text/event-stream", headers);
                target = response.uri();
                connectedOnce = true;
                pause = firstPause;
                try (InputStream body = response.body()) {
                    if (!parser.read(new InputStreamReader(body, StandardCharsets.UTF_8), consumer)) {
                        return;
                    }
                }
                problem = "the stream ended";
            } catch (ApiException e) {
                if (!connectedOnce || !(e.status() == 502 || e.status() == 503 || e.status() == 504)) {
                    throw e;
                }
                problem = e.getMessage();
            } catch (CliException e) {
                if (!connectedOnce) {
                    throw e;
                }
                problem = e.getMessage();
            } catch (IOException e) {
                problem = "connection lost (" + e.getMessage() + ")";
            }
            notices.println("day2: " + problem + "; reconnecting in " + pause.toMillis() + " ms"
                    + (parser.lastEventId() == null ? "" : " after event " + abbreviate(parser.lastEventId())));
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pause = pause.multipliedBy(2).compareTo(maxPause) > 0 ? maxPause : pause.multipliedBy(2);
        }
    }

    /** A journal cursor is ~150 characters; its head is enough to tell notices apart. */
    static String abbreviate(String id) {
        return id.length() <= 32 ? id : id.substring(0, 31) + "…";
    }
}
