package day2ops.diagnostics.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import day2ops.diagnostics.Health;
import day2ops.diagnostics.UnitProperties;
import day2ops.diagnostics.unit.UnitHealthRules.Verdict;
import org.junit.jupiter.api.Test;

class UnitHealthRulesTest {

    private static UnitProperties unit(String load, String active, String sub, int status, long activeEnter, long inactiveEnter) {
        return new UnitProperties("x.service", load, active, sub, "X: does x", status, activeEnter, 0, inactiveEnter, 0);
    }

    private static void assertVerdict(int health, String reason, UnitProperties unit) {
        Verdict verdict = UnitHealthRules.evaluate(unit);
        assertEquals(health, verdict.health(), verdict.reason());
        assertEquals(reason, verdict.reason());
    }

    @Test
    void runningUnitIsHealthy() {
        assertVerdict(Health.HEALTHY, "", unit("loaded", "active", "running", 0, 100, 0));
    }

    @Test
    void exitedOneshotIsHealthy() {
        assertVerdict(Health.HEALTHY, "", unit("loaded", "active", "exited", 0, 100, 0));
    }

    @Test
    void activatingUnitThatIsStartingIsHealthy() {
        assertVerdict(Health.HEALTHY, "", unit("loaded", "activating", "start-pre", 0, 0, 0));
    }

    @Test
    void emptyStatesAreUnhealthy() {
        assertVerdict(Health.UNHEALTHY, "Unit x.service: LoadState [loaded], ActiveState [] and SubState [running] must be set",
                unit("loaded", "", "running", 0, 0, 0));
        assertEquals(Health.UNHEALTHY, UnitHealthRules.evaluate(unit(null, "active", "running", 0, 0, 0)).health());
        assertEquals(Health.UNHEALTHY, UnitHealthRules.evaluate(unit("loaded", "active", "", 0, 0, 0)).health());
    }

    @Test
    void unitThatIsNotLoadedIsUnhealthy() {
        assertVerdict(Health.UNHEALTHY,
                "Unit x.service is not loaded (LoadState not-found). Check `systemctl status x.service`.",
                unit("not-found", "inactive", "dead", 0, 0, 0));
        assertEquals(Health.UNHEALTHY, UnitHealthRules.evaluate(unit("masked", "inactive", "dead", 0, 0, 0)).health());
    }

    @Test
    void failedAndDeactivatingStatesAreUnhealthy() {
        assertVerdict(Health.UNHEALTHY,
                "Unit x.service state is not one of the possible states [active inactive activating]. Current state is [ failed ]."
                        + " Check `systemctl status x.service`.",
                unit("loaded", "failed", "failed", 3, 100, 200));
        assertEquals(Health.UNHEALTHY, UnitHealthRules.evaluate(unit("loaded", "deactivating", "stop-sigterm", 0, 100, 0)).health());
    }

    @Test
    void nonZeroMainStatusIsUnhealthyEvenWhenActive() {
        assertVerdict(Health.UNHEALTHY, "Unit x.service main process exited with status 2. Check `systemctl status x.service`.",
                unit("loaded", "active", "exited", 2, 100, 0));
    }

    @Test
    void mainStatusRuleComesBeforeTheAutoRestartRules() {
        assertVerdict(Health.UNHEALTHY, "Unit x.service main process exited with status 1. Check `systemctl status x.service`.",
                unit("loaded", "activating", "auto-restart", 1, 0, 50));
    }

    @Test
    void autoRestartWithoutEverBeingActiveIsUnhealthy() {
        assertVerdict(Health.UNHEALTHY, "Unit x.service has never entered `active` state",
                unit("loaded", "activating", "auto-restart", 0, 0, 50));
    }

    @Test
    void autoRestartAfterHavingBeenActiveIsFlapping() {
        assertVerdict(Health.UNHEALTHY, "Unit x.service is flapping. Check `systemctl status x.service` for the current unit state.",
                unit("loaded", "activating", "auto-restart", 0, 100, 200));
    }

    @Test
    void autoRestartWhoseLastActivationIsNewerThanItsLastStopIsHealthy() {
        // InactiveEnter <= ActiveEnter: the last stop predates the last activation, so it is not flapping.
        assertVerdict(Health.HEALTHY, "", unit("loaded", "activating", "auto-restart", 0, 200, 100));
    }

    @Test
    void inactiveUnitIsUnhealthyWithItsSubState() {
        assertVerdict(Health.UNHEALTHY, "Unit x.service is dead", unit("loaded", "inactive", "dead", 0, 0, 0));
    }

    @Test
    void loadStateRuleComesBeforeTheInactiveRule() {
        assertEquals("Unit x.service is not loaded (LoadState error). Check `systemctl status x.service`.",
                UnitHealthRules.evaluate(unit("error", "inactive", "dead", 0, 0, 0)).reason());
    }
}
