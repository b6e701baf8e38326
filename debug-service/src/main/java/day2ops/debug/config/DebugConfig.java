package day2ops.debug.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Configuration of the debug service ({@code debug.*}). */
@ConfigMapping(prefix = "debug")
public interface DebugConfig {

    /** Root of the proc filesystem, through which task processes and their namespaces are found. */
    @WithDefault("/proc")
    Path procfs();

    /**
     * Tasks known to this node by configuration, keyed by task id: for plain systemd hosts
     * (no Mesos) and for tests. Each entry names the task's process directly or by cgroup.
     */
    Map<String, TaskMapping> tasks();

    /** Exec sessions: limits, timeouts and the environment commands run with. */
    Exec exec();

    /** The Mesos agent on this node, for finding tasks and for the Mesos backend. */
    Mesos mesos();

    /** Marathon, for deployment debugging. */
    Marathon marathon();

    /** Full session recordings, besides the audit records. */
    Audit audit();

    /** A task this node knows by configuration. */
    interface TaskMapping {

        /** Process id (as seen by this service) of a process inside the task; wins over {@link #cgroup()}. */
        Optional<Long> pid();

        /**
         * A cgroup path (as in {@code /proc/<pid>/cgroup}, e.g. {@code /mesos/<container-id>}) whose
         * member processes belong to the task; the one with the lowest pid is entered.
         */
        Optional<String> cgroup();

        /** The task's Mesos container id (for the Mesos backend). */
        Optional<String> containerId();

        /** The Marathon application id the task belongs to; its sandbox permission is required to exec. */
        Optional<String> appId();

        /** The user commands run as (a name or uid looked up in the task's {@code /etc/passwd}); unset: root. */
        Optional<String> user();
    }

    /** The exec backends. */
    enum Backend {
        LOCAL, MESOS
    }

    /** Limits and defaults of exec sessions. */
    interface Exec {

        /** Concurrent exec sessions this node accepts in total; more get 429. */
        @WithDefault("32")
        int maxSessionsPerNode();

        /** Concurrent exec sessions one uid may hold on this node; more get 429. */
        @WithDefault("4")
        int maxSessionsPerUser();

        /** A session without input or output for this long is ended (status reason {@code Timeout}). */
        @WithDefault("PT15M")
        Duration idleTimeout();

        /** A session is ended after this long regardless of activity (status reason {@code Timeout}). */
        @WithDefault("PT4H")
        Duration maxDuration();

        /** Sustained stdin rate per session; faster input is throttled (read paused), never dropped. */
        @WithDefault("65536")
        int inputBytesPerSecond();

        /** Stdin bytes a session may send at once before throttling starts. */
        @WithDefault("262144")
        int inputBurstBytes();

        /**
         * How commands get into tasks: {@code local} (enter the task's namespaces on this node) or
         * {@code mesos} (nested containers through the agent v1 API at {@code debug.mesos.agent-url}).
         */
        @WithDefault("local")
        Backend backend();

        /** {@code TERM} of commands run with a TTY, unless the request names one ({@code term=}). */
        @WithDefault("xterm")
        String term();

        /** {@code PATH} of commands run in a task. */
        @WithDefault("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
        String path();
    }

    /** Where the Mesos agent is. */
    interface Mesos {

        /** The agent's base URL ({@code http://127.0.0.1:5051}); unset: tasks come from {@code debug.tasks} only. */
        Optional<java.net.URI> agentUrl();

        /** Time limit of each non-streaming agent call. */
        @WithDefault("PT5S")
        Duration timeout();

        /** Interval of HEARTBEAT records on an ATTACH_CONTAINER_INPUT stream. */
        @WithDefault("PT30S")
        Duration heartbeat();
    }

    /** Where Marathon is. */
    interface Marathon {

        /** Marathon's base URL (e.g. {@code http://127.0.0.1:8080}); unset: deployment debugging answers 503. */
        Optional<java.net.URI> url();

        /** Time limit of each call to Marathon. */
        @WithDefault("PT5S")
        Duration timeout();
    }

    /** Session recordings. (Audit records themselves are configured under {@code day2ops.audit}, see common.) */
    interface Audit {

        /**
         * Directory for full session recordings ({@code <session-id>.cast}, asciicast v2); unset: sessions
         * are not recorded. Recordings hold everything typed and shown, passwords included: protect the directory.
         */
        Optional<Path> recordingDir();
    }
}
