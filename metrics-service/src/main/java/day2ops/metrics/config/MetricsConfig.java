package day2ops.metrics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Configuration of the metrics service ({@code metrics.*}). */
@ConfigMapping(prefix = "metrics")
public interface MetricsConfig {

    /** Root of the proc filesystem the node collectors read; tests point it at a fixture tree. */
    @WithDefault("/proc")
    Path procfs();

    /** Root of the sys filesystem (cgroups, network devices). */
    @WithDefault("/sys")
    Path sysfs();

    /** Whether this node is a Mesos {@code agent} (containers served) or a {@code master} (container routes 404). */
    @WithDefault("agent")
    Role role();

    /** Node collectors to run, by name (uptime, processes, load, cpu, memory, swap, filesystem, network). */
    @WithDefault("uptime,processes,load,cpu,memory,swap,filesystem,network")
    Set<String> collectors();

    /** How often the node collectors run; CPU percentages are averages over this interval. */
    @WithDefault("10s")
    Duration collectInterval();

    /** Longest a statfs round over all mounts may take before the filesystem collector fails. */
    @WithDefault("5s")
    Duration statfsTimeout();

    /** The {@code hostname} dimension; the machine's host name when unset. */
    Optional<String> hostname();

    /** The {@code mesos_id} dimension (the Mesos agent id); written as "" on hosts without Mesos. */
    Optional<String> mesosId();

    /** The {@code cluster_id} dimension; omitted when unset. */
    Optional<String> clusterId();

    /** Container metrics. */
    Containers containers();

    /** The Mesos agent, for container metadata and statistics. */
    Mesos mesos();

    /** StatsD ingestion. */
    Statsd statsd();

    /** Scraping of application Prometheus endpoints. */
    Apps apps();

    /** Shipping to external systems through Micrometer push registries. */
    Shipping shipping();

    /** Prometheus exposition. */
    Prometheus prometheus();

    /** The two node roles of DC/OS. */
    enum Role {
        AGENT, MASTER
    }

    /** Container metrics ({@code metrics.containers.*}). */
    interface Containers {

        /** Sources of container metrics, in priority order: {@code cgroups}, {@code mesos}, or {@code none}. */
        @WithDefault("cgroups")
        List<String> sources();

        /** Root of the cgroup file system: the v1 controllers' parent or the v2 unified mount. */
        @WithDefault("/sys/fs/cgroup")
        Path cgroupRoot();

        /** Directory below the root (below each controller on v1) whose subdirectories are containers. */
        @WithDefault("mesos")
        String cgroupHierarchy();

        /** {@code v1}, {@code v2}, or {@code auto} (v2 when the root has {@code cgroup.controllers}). */
        @WithDefault("auto")
        String cgroupVersion();

        /**
         * Proc file system whose {@code <pid>/net/dev} gives the network counters of a container
         * (its processes' network namespace) and whose {@code self/ns/net} is the host namespace.
         */
        @WithDefault("/proc")
        Path procfs();
    }

    /** Mesos agent access ({@code metrics.mesos.*}). */
    interface Mesos {

        /** Base URL of the local Mesos agent. */
        @WithDefault("http://127.0.0.1:5051")
        java.net.URI agentUrl();

        /** Time limit of one request to the agent. */
        @WithDefault("5s")
        Duration timeout();

        /**
         * How container statistics are asked of the agent: {@code v1} (the v1 operator API's
         * {@code GET_CONTAINERS} on {@code POST /api/v1}, nested containers included) or
         * {@code containers} (the legacy {@code GET /containers}).
         */
        @WithDefault("v1")
        MesosApi api();

        /**
         * File holding the service account token (a JWT) sent to the agent as
         * {@code Authorization: token=<jwt>}; read again before every call so a rotated token is
         * used at once. Unset: no Authorization header (agents without authentication).
         */
        Optional<Path> tokenFile();
    }

    /** The two agent endpoints that report container statistics. */
    enum MesosApi {
        V1, CONTAINERS
    }

    /** Application scraping ({@code metrics.apps.*}); targets come from Mesos task labels, so it needs the mesos source. */
    interface Apps {

        /** Whether tasks labelled {@code DCOS_METRICS_FORMAT=prometheus} are scraped. */
        @WithDefault("true")
        boolean enabled();

        /** Address of this node's task ports; the agent's address from {@code /state} when unset. */
        Optional<String> nodeAddress();

        /** Time limit of one scrape. */
        @WithDefault("10s")
        Duration timeout();
    }

    /**
     * Shipping ({@code metrics.shipping.*}): node, container and app series pushed through
     * Micrometer registries. Prometheus (pull) needs nothing here: it scrapes {@code /metrics}.
     */
    interface Shipping {

        /** Push as StatsD lines over UDP. */
        StatsdTarget statsd();

        /** Push as OTLP over HTTP (protobuf). */
        OtlpTarget otlp();

        /** How often the registries push. */
        @WithDefault("10s")
        Duration step();
    }

    /** A StatsD receiver ({@code metrics.shipping.statsd.*}). */
    interface StatsdTarget {

        @WithDefault("false")
        boolean enabled();

        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("8125")
        int port();

        /** Line format: {@code datadog} (tags), {@code telegraf}, {@code etsy} (tags folded into names). */
        @WithDefault("datadog")
        String flavor();
    }

    /** An OTLP receiver ({@code metrics.shipping.otlp.*}). */
    interface OtlpTarget {

        @WithDefault("false")
        boolean enabled();

        /** The OTLP/HTTP metrics endpoint. */
        @WithDefault("http://127.0.0.1:4318/v1/metrics")
        String url();
    }

    /** StatsD listeners ({@code metrics.statsd.*}). */
    interface Statsd {

        /** Whether the node and per-container listeners run at all. */
        @WithDefault("true")
        boolean enabled();

        /** Address the node-level listener binds to. */
        @WithDefault("127.0.0.1")
        String host();

        /** UDP port of the node-level listener; 0 picks a free port. */
        @WithDefault("61825")
        int port();

        /** Address per-container listeners bind to and report as {@code statsd_host}. */
        @WithDefault("127.0.0.1")
        String containerHost();

        /** Lowest UDP port handed to a container listener. */
        @WithDefault("61826")
        int containerPortMin();

        /** Highest UDP port handed to a container listener. */
        @WithDefault("62825")
        int containerPortMax();

        /** Interval over which counters become rates and timers become percentiles. */
        @WithDefault("10s")
        Duration flushInterval();

        /**
         * How long a series may go without updates before it disappears from {@code /v0/…/app}
         * and {@code /metrics} (checked at each flush); {@code 0s} keeps series forever. A counter
         * that comes back starts its cumulative total from zero (a counter reset to Prometheus).
         */
        @WithDefault("5m")
        Duration expiry();

        /** Percentiles reported for timers, histograms and distributions. */
        @WithDefault("50,90,99")
        List<Double> percentiles();

        /** Where container port assignments are persisted so a restart keeps every port. */
        @WithDefault("/var/lib/day2ops/metrics/statsd-containers.json")
        Path stateFile();

        /** Receive buffer asked of the kernel per listener, in bytes. */
        @WithDefault("4194304")
        int receiveBufferBytes();
    }

    /** Prometheus exposition ({@code metrics.prometheus.*}). */
    interface Prometheus {

        /** Dedicated node exposition port serving {@code /metrics} without authentication; -1 disables it. */
        @WithDefault("61091")
        int port();

        /** Address the dedicated exposition port binds to. */
        @WithDefault("127.0.0.1")
        String host();
    }
}
