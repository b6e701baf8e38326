package day2ops.logs;

import day2ops.common.auth.Permissions;
import day2ops.common.testing.ServiceContractTest;
import day2ops.common.testing.TestKeyResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(TestKeyResource.class)
class LogsServiceContractTest extends ServiceContractTest {

    LogsServiceContractTest() {
        super("logs", Permissions.SYSTEM_LOGS);
    }
}
