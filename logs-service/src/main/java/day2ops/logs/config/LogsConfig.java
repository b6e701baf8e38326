package day2ops.logs.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** Configuration of the logs service ({@code logs.*}). */
@ConfigMapping(prefix = "logs")
public interface LogsConfig {

    /**
     * Where journald keeps its files: volatile storage first, then persistent. The service is
     * ready once one of them exists; followers are woken by changes below these directories.
     */
    @WithDefault("/run/log/journal,/var/log/journal")
    List<Path> journalDirectories();

    /**
     * Read this journal namespace ({@code systemd-journald@NAMESPACE}) instead of the local
     * journal. Unset: the local system journal.
     */
    Optional<String> journalNamespace();

    /** Read the journal files in this directory instead of the local journal (takes precedence over the namespace). */
    Optional<Path> journalDirectory();

    /**
     * Reader threads. Each owns the journal handles of the requests assigned to it and serves
     * them in turn, so followers cost a handle each, not a thread each.
     */
    @WithDefault("2")
    int readerThreads();

    /** Bytes of encoded entries a reader produces before handing them to the connection. */
    @WithDefault("65536")
    int chunkBytes();

    /** Idle time after which an event stream gets a {@code : ping} comment. */
    @WithDefault("15s")
    Duration pingInterval();

    /** Time zone of {@code text/plain} timestamps. */
    @WithDefault("UTC")
    ZoneId timeZone();

    /** Mesos endpoints for task → application resolution and task discovery. */
    Mesos mesos();

    interface Mesos {

        /** This node's Mesos agent (its {@code /state} maps tasks to applications). Unset: no Mesos, task lines unresolvable. */
        Optional<java.net.URI> agentUrl();

        /** The Mesos master (its {@code /state} locates tasks for the v2 task routes). Unset: task routes answer 404. */
        Optional<java.net.URI> masterUrl();

        /** How long a fetched {@code /state} is reused. */
        @WithDefault("30s")
        Duration cacheTtl();

        /** Time limit of one {@code /state} call. */
        @WithDefault("5s")
        Duration timeout();

        /** The agent's work directory ({@code --work_dir}); task sandboxes live below {@code slaves/}. */
        @WithDefault("/var/lib/mesos/slave")
        Path workDir();
    }
}
