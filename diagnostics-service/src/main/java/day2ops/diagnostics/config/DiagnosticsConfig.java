package day2ops.diagnostics.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Configuration of the diagnostics service ({@code diagnostics.*}). */
@ConfigMapping(prefix = "diagnostics")
public interface DiagnosticsConfig {

    /** Where diagnostics bundles and their state are kept; created at startup. */
    @WithDefault("/var/lib/day2ops/diagnostics/bundles")
    Path bundleDir();

    /** Which units count for this node's health, and how much of their journal an unhealthy one shows. */
    Health health();

    /** How systemd is reached over D-Bus. */
    Systemd systemd();

    /** What this node reports about itself next to its units. */
    Node node();

    /** The dcos-check-runner compatible checks. */
    Checks checks();

    /** Master side: which nodes form the cluster and how their node plane is called. */
    Cluster cluster();

    /** What a diagnostics bundle holds, how it is built, and how much disk bundles may take. */
    Bundles bundles();

    interface Bundles {

        /** How far back each watched unit's journal goes in a bundle. */
        @WithDefault("24h")
        Duration journalWindow();

        /**
         * HTTP endpoints whose answers go into a bundle as {@code endpoints/<name>}; the map key is the name.
         * Defaults (in {@code application.properties}): the logs and metrics services' {@code /q/health}.
         */
        Map<String, Endpoint> endpoints();

        /** Time limit of one endpoint dump (connect and read together). */
        @WithDefault("10s")
        Duration endpointTimeout();

        /** Files (glob patterns allowed, e.g. {@code /etc/day2ops/*.conf}) copied as {@code files/<path>}. */
        @WithDefault("/etc/os-release,/proc/loadavg,/proc/meminfo,/proc/mounts")
        List<String> files();

        /**
         * Commands whose output (stdout and stderr) goes in as {@code commands/<args joined by _>.output},
         * configured as {@code diagnostics.bundles.commands[0].args=df,-h}.
         */
        List<Command> commands();

        /** Time limit of one command; on expiry its whole process group is killed. */
        @WithDefault("30s")
        Duration commandTimeout();

        /**
         * Regular expressions applied to every collected line: a match is replaced by {@code [REDACTED]}, or
         * only its group named {@code secret} when it has one. The value is a list, so a comma inside a pattern
         * is written {@code \,} and a backslash {@code \\} (the defaults use none: {@code [ \t]} and {@code [.]}).
         * Defaults: {@code key=value} / {@code "key":"value"} secrets (password, secret, token, api key, access key,
         * client secret), {@code Authorization} header values, JWTs, and passwords in URLs. PEM private key blocks
         * are always replaced, whatever this list holds.
         */
        @WithDefault("(?i)(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|client[_-]?secret)[\"']?[ \t]*[:=][ \t]*[\"']?(?<secret>[^ \t\"'&;]+),"
                + "(?i)authorization:[ \t]*(?:bearer|token=?|basic)?[ \t]*(?<secret>[^ \t\"']+),"
                + "eyJ[A-Za-z0-9_-]+[.]eyJ[A-Za-z0-9_-]+[.][A-Za-z0-9_-]*,"
                + "[A-Za-z][A-Za-z0-9+.-]*://[^:/@ \t]+:(?<secret>[^@/ \t]+)@")
        List<String> redact();

        /** Disk space all bundles together may take in {@code bundle-dir} (e.g. {@code 500M}, {@code 2G}). */
        @WithDefault("1G")
        MemorySize quota();

        /** Free space the bundle directory's file system must keep; a new bundle is refused (507) below it. */
        @WithDefault("100M")
        MemorySize minFreeSpace();

        /** Bundles built at the same time (local bundles and node parts of cluster bundles together). */
        @WithDefault("2")
        int parallelism();

        /** Bundle builds waiting for a free builder beyond which a new request is refused (503). */
        @WithDefault("8")
        int queueLimit();

        /** Master: nodes asked for their part of a cluster bundle at the same time. */
        @WithDefault("4")
        int nodeConcurrency();

        /** Master: time limit of one node's part (the whole stream); a node over it is marked Failed. */
        @WithDefault("10m")
        Duration nodeTimeout();

        /** An HTTP endpoint dumped into bundles. */
        interface Endpoint {

            /** The URL asked with GET. */
            String url();

            /** An optional endpoint's failure is noted in its entry; a required one's also goes to the bundle's errors. */
            @WithDefault("false")
            boolean optional();
        }

        /** A command run for bundles. */
        interface Command {

            /** The command and its arguments, run without a shell. */
            List<String> args();

            /** An optional command's failure is noted in its entry; a required one's also goes to the bundle's errors. */
            @WithDefault("false")
            boolean optional();
        }
    }

    interface Cluster {

        /**
         * A static node list, used when no other source is configured: entries {@code role:ip} or
         * {@code role:ip:port} ({@code master:10.0.0.1}, {@code agent:10.0.0.7:8103}); the role is
         * {@code master}, {@code agent} or {@code agent_public}. Unset: an empty cluster.
         */
        Optional<List<String>> nodes();

        /** Port of the node plane (the diagnostics HTTP port) of nodes listed without one. */
        @WithDefault("8103")
        int nodePort();

        /**
         * File holding the service account's JWT that the master sends to nodes (re-read on every call, so a
         * rotated token applies at once). Unset: calls carry no token and nodes refuse them.
         */
        Optional<Path> serviceAccountTokenFile();

        /** Time limit of one node-plane call that answers at once (health, checks). */
        @WithDefault("3s")
        Duration timeout();

        /**
         * The Mesos master whose {@code /master/slaves} lists the agents, e.g. {@code http://leader.mesos:5050}.
         * Set: the cluster is {@link #masters()} plus those agents, and {@link #nodes()} is not used. The request
         * carries the service account token when one is configured.
         */
        Optional<URI> mesosMasterUrl();

        /**
         * With {@link #mesosMasterUrl()}: the masters, as {@code ip} or {@code ip:port} (Mesos does not list
         * its masters in {@code /master/slaves}).
         */
        Optional<List<String>> masters();

        /**
         * Whether this node pulls every node's health and serves the cluster health endpoints
         * ({@code /system/health/v1/units}, {@code /nodes}, {@code /report} …). Unset: only when
         * {@code diagnostics.node.role} is {@code master}.
         */
        Optional<Boolean> pullEnabled();

        /** How often every node's health is pulled; {@code ?cache=0} pulls at once in between. */
        @WithDefault("60s")
        Duration pullInterval();

        /** How many nodes are asked at the same time during one pull. */
        @WithDefault("8")
        int pullConcurrency();
    }

    interface Checks {

        /** The check-runner config (JSON); a missing file means no checks. */
        @WithDefault("/etc/day2ops/diagnostics/checks.json")
        Path configFile();

        /** Timeout of a check whose config has none. */
        @WithDefault("30s")
        Duration defaultTimeout();

        /** How many checks run at the same time. */
        @WithDefault("4")
        int parallelism();
    }

    interface Health {

        /**
         * A target's {@code .wants} directory: every entry in it (file or symlink) names a unit to watch,
         * as {@code /etc/systemd/system/dcos.target.wants} does on DC/OS. A missing directory means no units.
         */
        @WithDefault("/etc/systemd/system/dcos.target.wants")
        Path unitsDir();

        /** Units watched in addition to those in {@link #unitsDir()}, e.g. {@code sshd.service}. */
        Optional<List<String>> extraUnits();

        /** How many of the newest journal lines of an unhealthy unit are appended to its {@code output}. */
        @WithDefault("50")
        int journalLines();

        /**
         * Read unit journals from the journal files in this directory instead of the local journal
         * (a container's or another root's {@code /run/log/journal}, {@code /var/log/journal}).
         */
        Optional<Path> journalDirectory();
    }

    interface Systemd {

        /**
         * D-Bus address of the system bus, where systemd is {@code org.freedesktop.systemd1}. Reading unit
         * properties there needs no privileges. (systemd's private peer-to-peer socket is not supported:
         * dbus-java 5.1.1 lost replies on it, see the README.)
         */
        @WithDefault("unix:path=/run/dbus/system_bus_socket")
        String busAddress();

        /** How long one D-Bus call to systemd may take before the health read fails. */
        @WithDefault("5s")
        Duration timeout();
    }

    interface Node {

        /** This node's IP as the cluster knows it; detected from the host name when unset. */
        Optional<String> ip();

        /** {@code master}, {@code agent} or {@code agent_public}, as DC/OS names node roles. */
        @WithDefault("agent")
        String role();

        /** The DC/OS version to report; empty on a plain systemd host. */
        Optional<String> dcosVersion();

        /** The Mesos agent id of this node, when there is one. */
        Optional<String> mesosId();
    }
}
