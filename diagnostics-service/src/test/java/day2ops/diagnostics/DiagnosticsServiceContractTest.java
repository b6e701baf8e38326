package day2ops.diagnostics;

import day2ops.common.auth.Permissions;
import day2ops.common.testing.ServiceContractTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class DiagnosticsServiceContractTest extends ServiceContractTest {

    DiagnosticsServiceContractTest() {
        super("diagnostics", Permissions.SYSTEM_HEALTH);
    }
}
