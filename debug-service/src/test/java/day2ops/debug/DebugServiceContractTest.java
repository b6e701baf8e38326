package day2ops.debug;

import day2ops.common.auth.Permissions;
import day2ops.common.testing.ServiceContractTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class DebugServiceContractTest extends ServiceContractTest {

    DebugServiceContractTest() {
        super("debug", Permissions.DEBUG);
    }
}
