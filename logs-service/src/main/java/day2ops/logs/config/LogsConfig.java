package day2ops.logs.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.List;

/** Configuration of the logs service ({@code logs.*}). */
@ConfigMapping(prefix = "logs")
public interface LogsConfig {

    /**
     * Where journald keeps its files: volatile storage first, then persistent. The service is
     * ready once one of them exists.
     */
    @WithDefault("/run/log/journal,/var/log/journal")
    List<Path> journalDirectories();
}
