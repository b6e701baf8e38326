package day2ops.cli.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A JDK HTTP server on loopback standing in for Adminrouter in unit tests: answers per exact path (the query
 * is recorded, not matched), records every request, 404 problem+json for paths without an answer.
 */
public final class FakeAdminrouter implements AutoCloseable {

    /** A request as received. */
    public record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** Writes the answer to one exchange. */
    @FunctionalInterface
    public interface Handler {
        void handle(HttpExchange exchange, Request request) throws IOException;
    }

    private final HttpServer server;
    private final Map<String, Handler> routes = new ConcurrentHashMap<>();
    private final Map<String, Handler> prefixRoutes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public FakeAdminrouter() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body);
                requests.add(request);
                Handler handler = routes.get(request.method() + " " + request.path());
                if (handler == null) {
                    handler = routes.get("* " + request.path());
                }
                if (handler == null) {
                    handler = prefixRoutes.entrySet().stream()
                            .filter(e -> (request.method() + " " + request.path()).startsWith(e.getKey()))
                            .map(Map.Entry::getValue).findFirst().orElse(null);
                }
                if (handler == null) {
                    respond(exchange, 404, "application/problem+json",
                            "{\"status\":404,\"title\":\"Not Found\",\"detail\":\"no route " + request.path() + "\"}");
                } else {
                    handler.handle(exchange, request);
                }
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake-adminrouter");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code method path} (method {@code *} for any) with {@code handler}. */
    public FakeAdminrouter on(String method, String path, Handler handler) {
        routes.put(method + " " + path, handler);
        return this;
    }

    /** Answers {@code method} on every path starting with {@code prefix} (when no exact route matches). */
    public FakeAdminrouter onPrefix(String method, String prefix, Handler handler) {
        prefixRoutes.put(method + " " + prefix, handler);
        return this;
    }

    /** Answers {@code method} on paths starting with {@code prefix} with a fixed status, content type and body. */
    public FakeAdminrouter onPrefix(String method, String prefix, int status, String type, String body) {
        return onPrefix(method, prefix, (exchange, request) -> respond(exchange, status, type, body));
    }

    /** Answers {@code method path} with a fixed status, content type and body. */
    public FakeAdminrouter on(String method, String path, int status, String type, String body) {
        return on(method, path, (exchange, request) -> respond(exchange, status, type, body));
    }

    /** Answers with the test resource {@code resource} as JSON. */
    public FakeAdminrouter onJson(String method, String path, String resource) {
        String body = resource(resource);
        return on(method, path, 200, "application/json", body);
    }

    public List<Request> requests() {
        return requests;
    }

    /** The requests to {@code path}, in order. */
    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    public static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (type != null) {
            exchange.getResponseHeaders().add("Content-Type", type);
        }
        exchange.sendResponseHeaders(status, status == 204 || bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0 && status != 204) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    public static String resource(String name) {
        try (InputStream in = FakeAdminrouter.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
