package day2ops.diagnostics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** Configuration of the diagnostics service ({@code diagnostics.*}). */
@ConfigMapping(prefix = "diagnostics")
public interface DiagnosticsConfig {

    /** Where diagnostics bundles and their state are kept; created at startup. */
    @WithDefault("/var/lib/day2ops/diagnostics/bundles")
    Path bundleDir();
}
