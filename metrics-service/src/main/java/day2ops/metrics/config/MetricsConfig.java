package day2ops.metrics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** Configuration of the metrics service ({@code metrics.*}). */
@ConfigMapping(prefix = "metrics")
public interface MetricsConfig {

    /** Root of the proc filesystem the node collectors read; tests point it at a fixture tree. */
    @WithDefault("/proc")
    Path procfs();

    /** Root of the sys filesystem (cgroups, network devices). */
    @WithDefault("/sys")
    Path sysfs();
}
