package day2ops.metrics;

import day2ops.common.auth.Permissions;
import day2ops.common.testing.ServiceContractTest;
import day2ops.common.testing.TestKeyResource;
import day2ops.metrics.testing.RecordedMesosAgent;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

// Every @QuarkusTest of this module names the same two resources, so the application starts once.
@QuarkusTest
@WithTestResource(TestKeyResource.class)
@WithTestResource(RecordedMesosAgent.class)
class MetricsServiceContractTest extends ServiceContractTest {

    MetricsServiceContractTest() {
        super("metrics", Permissions.SYSTEM_METRICS);
    }
}
