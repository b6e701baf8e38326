package day2ops.universe;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;

/**
 * One package revision that passed every rule, with its files parsed and its Marathon app
 * rendered for each options variant ({@code defaults}, and {@code options} for the example file).
 */
public record ValidatedPackage(
        String name,
        int releaseVersion,
        Path directory,
        JsonNode packageJson,
        JsonNode config,
        JsonNode resource,
        byte[] template,
        Map<String, JsonNode> renderedApps) {
}
