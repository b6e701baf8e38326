package day2ops.common.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Where and how audit records are written ({@code day2ops.audit.*}); the same in every service. */
@ConfigMapping(prefix = "day2ops.audit")
public interface AuditConfig {

    /** {@code SYSLOG_IDENTIFIER} of every audit record: {@code journalctl -t day2ops-audit} finds them all. */
    @WithDefault("day2ops-audit")
    String identifier();

    /**
     * journald's native socket to write to, e.g. {@code /run/systemd/journal.audit/socket} to keep audit
     * records in their own journal namespace (own retention, {@code journalctl --namespace=audit}); unset:
     * the system journal, through {@code sd_journal_sendv}.
     */
    Optional<Path> socket();

    /** Records waiting for the writer thread; beyond this, access records are dropped (and counted). */
    @WithDefault("8192")
    int queueCapacity();

    /** How long a record that must be confirmed (an exec session start) may take before it counts as unwritable. */
    @WithDefault("PT2S")
    Duration writeTimeout();

    /** Recording of allow/deny decisions. */
    Access access();

    /** Recording of allow/deny decisions of the HTTP API. */
    interface Access {

        /** Whether allow/deny decisions are recorded; exec session records are written regardless. */
        @WithDefault("true")
        boolean enabled();

        /**
         * Path prefixes whose allows are not recorded (denies always are), for endpoints polled at a high
         * rate, e.g. {@code /metrics/v0/prometheus}. {@code /q/} (health, metrics) is unauthenticated anyway.
         */
        @WithDefault("/q/")
        List<String> skipAllowsUnder();
    }
}
