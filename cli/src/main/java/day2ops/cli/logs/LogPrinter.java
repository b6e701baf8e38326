package day2ops.cli.logs;

import day2ops.cli.api.CliException;
import day2ops.cli.api.ClusterClient;
import day2ops.cli.api.EventStreamFollower;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Prints a log read: once ({@code text/plain} or JSON lines copied as they come) or followed over SSE. */
final class LogPrinter {

    private LogPrinter() {
    }

    static void printOnce(ClusterClient client, URI uri, boolean json, PrintStream out) {
        HttpResponse<InputStream> response = client.stream(uri, json ? "application/json" : "text/plain", Map.of());
        if (response.statusCode() == 204) {
            return;
        }
        try (InputStream body = response.body()) {
            byte[] buffer = new byte[16 * 1024];
            int n;
            // a PrintStream swallows EPIPE: stop reading once the reader (e.g. `| head`) is gone
            while ((n = body.read(buffer)) >= 0 && !out.checkError()) {
                out.write(buffer, 0, n);
            }
            out.flush();
        } catch (IOException e) {
            throw new CliException("the log read from " + uri + " broke off: " + e.getMessage(), CliException.UNREACHABLE);
        }
    }

    static void follow(ClusterClient client, URI uri, boolean json, PrintStream out, PrintStream notices) {
        new EventStreamFollower(client, notices, Duration.ofMillis(500), Duration.ofSeconds(10)).follow(uri, event -> {
            out.println(json ? event.data() : LogLines.text(event.data()));
            out.flush();
            return !out.checkError();
        });
    }
}
