package day2ops.diagnostics.checks;

import java.time.Duration;
import java.util.List;

/**
 * One check of a dcos-check-runner config: a command whose exit code is its status.
 *
 * @param roles node roles the check runs on; empty for cluster checks (and node checks without {@code roles})
 */
public record CheckDefinition(String name, String description, List<String> cmd, Duration timeout, List<String> roles) {

    /** The timeout in the config's (Go) notation. */
    public String timeoutText() {
        return GoDuration.format(timeout);
    }
}
