package day2ops.diagnostics.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The checks API against the packaged application. */
@QuarkusIntegrationTest
class ChecksResourceIT extends ChecksResourceTest {
}
