package day2ops.diagnostics;

/**
 * The systemd properties unit health is judged from, as read over D-Bus
 * ({@code org.freedesktop.systemd1.Unit}, plus {@code ExecMainStatus} of {@code org.freedesktop.systemd1.Service}).
 * Timestamps are {@code CLOCK_MONOTONIC} microseconds; 0 means "never".
 */
public record UnitProperties(
        String id,
        String loadState,
        String activeState,
        String subState,
        String description,
        int execMainStatus,
        long activeEnterTimestampMonotonic,
        long activeExitTimestampMonotonic,
        long inactiveEnterTimestampMonotonic,
        long inactiveExitTimestampMonotonic) {
}
