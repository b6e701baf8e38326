package day2ops.diagnostics.unit;

import day2ops.diagnostics.Health;
import day2ops.diagnostics.UnitProperties;
import java.util.Set;

/**
 * dcos-diagnostics' unit health rules, applied in order; the first that matches decides. Pure: the
 * verdict depends only on the properties.
 */
public final class UnitHealthRules {

    /** States in which a unit may still be healthy; anything else ({@code failed}, {@code deactivating}, …) is not. */
    private static final Set<String> ACCEPTABLE_ACTIVE_STATES = Set.of("active", "inactive", "activating");

    /** Health and the reason for it ({@code ""} when healthy). */
    public record Verdict(int health, String reason) {

        static Verdict healthy() {
            return new Verdict(Health.HEALTHY, "");
        }

        static Verdict unhealthy(String reason) {
            return new Verdict(Health.UNHEALTHY, reason);
        }

        public boolean isHealthy() {
            return health == Health.HEALTHY;
        }
    }

    private UnitHealthRules() {
    }

    public static Verdict evaluate(UnitProperties unit) {
        String id = unit.id();
        if (isEmpty(unit.loadState()) || isEmpty(unit.activeState()) || isEmpty(unit.subState())) {
            return Verdict.unhealthy(String.format("Unit %s: LoadState [%s], ActiveState [%s] and SubState [%s] must be set",
                    id, nullToEmpty(unit.loadState()), nullToEmpty(unit.activeState()), nullToEmpty(unit.subState())));
        }
        if (!"loaded".equals(unit.loadState())) {
            return Verdict.unhealthy(String.format("Unit %s is not loaded (LoadState %s). Check `systemctl status %s`.",
                    id, unit.loadState(), id));
        }
        if (!ACCEPTABLE_ACTIVE_STATES.contains(unit.activeState())) {
            return Verdict.unhealthy(String.format(
                    "Unit %s state is not one of the possible states [active inactive activating]. Current state is [ %s ]. Check `systemctl status %s`.",
                    id, unit.activeState(), id));
        }
        if (unit.execMainStatus() != 0) {
            return Verdict.unhealthy(String.format("Unit %s main process exited with status %d. Check `systemctl status %s`.",
                    id, unit.execMainStatus(), id));
        }
        // activating + auto-restart: systemd is waiting to start the unit again after it stopped.
        if ("activating".equals(unit.activeState()) && "auto-restart".equals(unit.subState())) {
            if (unit.activeEnterTimestampMonotonic() == 0) {
                // Typically an ExecStartPre (or the start protocol) fails before the unit ever runs.
                return Verdict.unhealthy(String.format("Unit %s has never entered `active` state", id));
            }
            if (unit.inactiveEnterTimestampMonotonic() > unit.activeEnterTimestampMonotonic()) {
                return Verdict.unhealthy(String.format(
                        "Unit %s is flapping. Check `systemctl status %s` for the current unit state.", id, id));
            }
        }
        if ("inactive".equals(unit.activeState())) {
            return Verdict.unhealthy(String.format("Unit %s is %s", id, unit.subState()));
        }
        return Verdict.healthy();
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
