package day2ops.logs;

import day2ops.common.auth.Permissions;
import day2ops.common.testing.ServiceContractTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class LogsServiceContractTest extends ServiceContractTest {

    LogsServiceContractTest() {
        super("logs", Permissions.SYSTEM_LOGS);
    }
}
