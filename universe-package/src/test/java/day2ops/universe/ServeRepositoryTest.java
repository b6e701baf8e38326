package day2ops.universe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository server answers with the media type dcos package repo add requires, and nothing outside the directory. */
class ServeRepositoryTest {

    @TempDir
    static Path dir;

    private static HttpServer server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        BuildRepository.build(RealPackagesTest.packagesDir(), RealPackagesTest.optionsDir(), dir.resolve("universe"));
        Files.writeString(dir.resolve("secret.json"), "{}");
        server = ServeRepository.start(dir.resolve("universe"), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        return CLIENT.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheIndexAsAUniverseV4Repository() throws Exception {
        HttpResponse<String> response = get("/repo-up-to-2.2.json");
        assertEquals(200, response.statusCode());
        assertEquals(RepositoryIndex.MEDIA_TYPE, response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(Files.readString(dir.resolve("universe/repo-up-to-2.2.json")), response.body());
    }

    @Test
    void answersNotFoundForOtherFiles() throws Exception {
        assertEquals(404, get("/repo-up-to-2.2.content_type").statusCode());
        assertEquals(404, get("/nothing.json").statusCode());
        assertEquals(404, get("/..%2Fsecret.json").statusCode());
        assertEquals(404, get("/../secret.json").statusCode());
    }
}
