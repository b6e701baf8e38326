package day2ops.cli.api;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the cluster is and the token to call it with; mixed into every command that talks to Adminrouter.
 * The token is, in order: {@code --token}, {@code $DAY2OPS_TOKEN}, the file {@code --token-file}
 * ({@code $DAY2OPS_TOKEN_FILE}), the suite's {@code ${DAY2OPS_STATE_DIR:-.run}/operator.token} if it exists.
 */
public class ClusterOptions {

    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:DAY2OPS_URL:-http://127.0.0.1:8000}",
            description = "Adminrouter of a master, e.g. https://master.example (default: $DAY2OPS_URL or ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--token", paramLabel = "JWT", defaultValue = "${env:DAY2OPS_TOKEN}",
            description = "Token sent as 'Authorization: token=<jwt>' (default: $DAY2OPS_TOKEN).")
    String token;

    @Option(names = "--token-file", paramLabel = "FILE", defaultValue = "${env:DAY2OPS_TOKEN_FILE}",
            description = "Read the token from this file (default: $DAY2OPS_TOKEN_FILE, else "
                    + "$DAY2OPS_STATE_DIR/operator.token or .run/operator.token in the working directory, if it exists).")
    Path tokenFile;

    public ClusterOptions() {
    }

    /** For tests and callers that build options without picocli. */
    public ClusterOptions(URI url, String token) {
        this.url = url;
        this.token = token;
    }

    public URI url() {
        return url;
    }

    /** The token to send, or {@code null} when none is configured (the cluster will then answer 401). */
    public String resolveToken() {
        return resolveToken(token, tokenFile);
    }

    /**
     * {@code token} when given, else the content of {@code tokenFile} (which must then exist), else the
     * suite's {@code ${DAY2OPS_STATE_DIR:-.run}/operator.token} when it exists, else {@code null}.
     */
    public static String resolveToken(String token, Path tokenFile) {
        if (token != null && !token.isBlank()) {
            return token.strip();
        }
        if (tokenFile != null) {
            return read(tokenFile, true);
        }
        String stateDir = System.getenv("DAY2OPS_STATE_DIR");
        return read(Path.of(stateDir == null || stateDir.isBlank() ? ".run" : stateDir, "operator.token"), false);
    }

    private static String read(Path file, boolean required) {
        if (!Files.isReadable(file)) {
            if (required) {
                throw new CliException("token file " + file + " does not exist or is not readable", 2);
            }
            return null;
        }
        try {
            String content = Files.readString(file).strip();
            if (content.isEmpty()) {
                throw new CliException("token file " + file + " is empty", 2);
            }
            return content;
        } catch (IOException e) {
            throw new CliException("cannot read token file " + file + ": " + e.getMessage(), 2);
        }
    }

    /** A client for these options. */
    public ClusterClient client() {
        String base = url.toString();
        if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))
                || url.getHost() == null) {
            throw new CliException("--url must be an http:// or https:// URL with a host, got '" + base + "'", 2);
        }
        return new ClusterClient(url, resolveToken());
    }
}
