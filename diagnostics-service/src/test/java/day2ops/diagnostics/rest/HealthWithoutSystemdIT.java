package day2ops.diagnostics.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same against the packaged application. */
@QuarkusIntegrationTest
class HealthWithoutSystemdIT extends HealthWithoutSystemdTest {
}
