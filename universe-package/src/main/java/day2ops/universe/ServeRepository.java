package day2ops.universe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Serves a generated repository directory over HTTP with the media type Cosmos insists on
 * ({@code application/vnd.dcos.universe.repo+json;...;version=v4}, read from the index's
 * {@code .content_type} file): a plain file server answers {@code application/json} or
 * {@code text/plain}, which {@code dcos package repo add} rejects. Only the JDK is needed:
 * {@code java -cp universe-package/target/classes day2ops.universe.ServeRepository <dir> [port]}.
 */
public final class ServeRepository {

    private ServeRepository() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            throw new IllegalArgumentException("usage: ServeRepository <repository dir, e.g. universe-package/target/universe> [port, default 8086]");
        }
        Path dir = Path.of(args[0]);
        int port = args.length == 2 ? Integer.parseInt(args[1]) : 8086;
        HttpServer server = start(dir, new InetSocketAddress(port));
        System.out.println("[universe] serving " + dir.toAbsolutePath() + " on port " + server.getAddress().getPort()
                + "; add it with: dcos package repo add --index=0 day2ops http://<this host>:" + server.getAddress().getPort()
                + "/repo-up-to-" + RepositoryIndex.DCOS_VERSION + ".json");
    }

    /** Starts serving the {@code .json} files of {@code dir}; stop it with {@link HttpServer#stop(int)}. */
    public static HttpServer start(Path dir, InetSocketAddress address) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + " is not a directory; run the universe-package build first");
        }
        HttpServer server = HttpServer.create(address, 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                respond(root, exchange);
            }
        });
        server.start();
        return server;
    }

    private static void respond(Path root, HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            send(exchange, 405, "text/plain; charset=utf-8", "only GET and HEAD\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String path = URI.create(exchange.getRequestURI().getRawPath()).getPath();
        Path file = root.resolve(path.replaceFirst("^/+", "")).normalize();
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        if (!file.startsWith(root) || !name.endsWith(".json") || !Files.isRegularFile(file)) {
            send(exchange, 404, "text/plain; charset=utf-8", ("no repository file at " + path + "\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        Path contentTypeFile = file.resolveSibling(name.substring(0, name.length() - ".json".length()) + ".content_type");
        String contentType = Files.isRegularFile(contentTypeFile)
                ? Files.readString(contentTypeFile, StandardCharsets.US_ASCII).trim()
                : "application/json";
        send(exchange, 200, contentType, Files.readAllBytes(file));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
