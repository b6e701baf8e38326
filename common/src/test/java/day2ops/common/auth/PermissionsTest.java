package day2ops.common.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PermissionsTest {

    @Test
    void superuserGrantsEverything() {
        Set<String> held = Set.of(Permissions.SUPERUSER);
        assertTrue(Permissions.grants(held, Permissions.SYSTEM_LOGS));
        assertTrue(Permissions.grants(held, Permissions.appSandbox("/team/app")));
    }

    @Test
    void exactPermissionGrantsOnlyItself() {
        Set<String> held = Set.of(Permissions.SYSTEM_LOGS);
        assertTrue(Permissions.grants(held, Permissions.SYSTEM_LOGS));
        assertFalse(Permissions.grants(held, Permissions.SYSTEM_METRICS));
        assertFalse(Permissions.grants(Set.of(), Permissions.SYSTEM_LOGS));
    }

    @Test
    void appGroupPermissionCoversAppsBelowIt() {
        Set<String> held = Set.of(Permissions.appSandbox("/team"));
        assertTrue(Permissions.grants(held, Permissions.appSandbox("/team")));
        assertTrue(Permissions.grants(held, Permissions.appSandbox("/team/app")));
        assertTrue(Permissions.grants(held, Permissions.appSandbox("/team/sub/app")));
        assertFalse(Permissions.grants(held, Permissions.appSandbox("/teams")));
        assertFalse(Permissions.grants(held, Permissions.appSandbox("/other/team")));
    }

    @Test
    void rootAppPermissionCoversAllApps() {
        assertTrue(Permissions.grants(Set.of(Permissions.appSandbox("/")), Permissions.appSandbox("/a/b")));
    }

    @Test
    void nonSandboxPermissionsAreNotHierarchical() {
        assertFalse(Permissions.grants(Set.of("dcos:adminrouter:ops"), Permissions.SYSTEM_LOGS));
    }

    @Test
    void appIdsAreNormalized() {
        assertEquals("/team/app", Permissions.normalizeAppId("team/app/"));
        assertEquals("/", Permissions.normalizeAppId("/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "/team//app", "/team/../x", "/team/a b", "/team/.."})
    void rejectsMalformedAppIds(String appId) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Permissions.normalizeAppId(appId));
        assertTrue(e.getMessage().contains("application id"), e.getMessage());
    }
}
