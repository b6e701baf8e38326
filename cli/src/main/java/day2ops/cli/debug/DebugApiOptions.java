package day2ops.cli.debug;

import day2ops.cli.api.ClusterOptions;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the debug API is and the token to call it with; shared by {@code task exec} and {@code app debug}.
 * The token is found as for every other command ({@link ClusterOptions#resolveToken(String, Path)}).
 */
public class DebugApiOptions {

    @Option(names = "--url", paramLabel = "URL",
            defaultValue = "${env:DAY2OPS_DEBUG_URL:-http://127.0.0.1:8104}",
            description = "Base URL of the debug API: through Adminrouter https://<master>/system/v1/debug, "
                    + "or a node's service directly (default: $DAY2OPS_DEBUG_URL or ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--token", paramLabel = "JWT", defaultValue = "${env:DAY2OPS_TOKEN}",
            description = "Token sent as 'Authorization: token=<jwt>' (default: $DAY2OPS_TOKEN).")
    String token;

    @Option(names = "--token-file", paramLabel = "FILE", defaultValue = "${env:DAY2OPS_TOKEN_FILE}",
            description = "Read the token from this file (default: $DAY2OPS_TOKEN_FILE, else "
                    + "$DAY2OPS_STATE_DIR/operator.token or .run/operator.token in the working directory, if it exists).")
    Path tokenFile;

    /** The token to send, or {@code null} when none is configured. */
    String token() {
        return ClusterOptions.resolveToken(token, tokenFile);
    }

    /** {@code url} + {@code path}, keeping a path prefix such as {@code /system/v1/debug}. */
    URI resolve(String pathAndQuery) {
        String base = url.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + pathAndQuery);
    }

    /** The same URI with {@code ws}/{@code wss} for {@code http}/{@code https}. */
    static URI webSocket(URI http) {
        String scheme = "https".equals(http.getScheme()) ? "wss" : "ws";
        return URI.create(scheme + http.toString().substring(http.getScheme().length()));
    }
}
