package day2ops.metrics;

import day2ops.common.auth.Permissions;
import day2ops.common.testing.ServiceContractTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class MetricsServiceContractTest extends ServiceContractTest {

    MetricsServiceContractTest() {
        super("metrics", Permissions.SYSTEM_METRICS);
    }
}
