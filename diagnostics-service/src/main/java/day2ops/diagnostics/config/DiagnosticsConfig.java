package day2ops.diagnostics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
