package day2ops.diagnostics;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same contract, against the packaged application (jar, or native executable with -Dnative). */
@QuarkusIntegrationTest
class DiagnosticsServiceContractIT extends DiagnosticsServiceContractTest {
}
