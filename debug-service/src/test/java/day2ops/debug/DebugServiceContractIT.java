package day2ops.debug;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same contract, against the packaged application (jar, or native executable with -Dnative). */
@QuarkusIntegrationTest
class DebugServiceContractIT extends DebugServiceContractTest {
}
