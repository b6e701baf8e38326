package day2ops.debug.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** Configuration of the debug service ({@code debug.*}). */
@ConfigMapping(prefix = "debug")
public interface DebugConfig {

    /** Root of the proc filesystem, through which task processes and their namespaces are found. */
    @WithDefault("/proc")
    Path procfs();
}
