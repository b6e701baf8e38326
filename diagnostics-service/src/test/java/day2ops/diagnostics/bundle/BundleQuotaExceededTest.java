package day2ops.diagnostics.bundle;

import static day2ops.diagnostics.bundle.BundleTesting.awaitStatus;
import static day2ops.diagnostics.bundle.BundleTesting.operator;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import day2ops.common.testing.TestKeyResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** A bundle dir with a 4 KiB quota: a bundle that outgrows it fails, a full one refuses new bundles with 507. */
@QuarkusTest
@WithTestResource(TestKeyResource.class)
@TestProfile(BundleQuotaExceededTest.TinyQuota.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BundleQuotaExceededTest {

    static final Path BUNDLE_DIR = Path.of("target/bundles-tiny-quota");

    public static class TinyQuota implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // 64 KiB of random bytes: no compression brings that under 4 KiB.
            Path noise = Path.of("target/tiny-quota-noise.bin");
            byte[] random = new byte[64 * 1024];
            new Random(7).nextBytes(random);
            try {
                // A fresh bundle dir on every run: the quota counts everything in it.
                if (Files.exists(BUNDLE_DIR)) {
                    try (Stream<Path> tree = Files.walk(BUNDLE_DIR)) {
                        for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                            Files.delete(path);
                        }
                    }
                }
                Files.createDirectories(noise.getParent());
                Files.write(noise, random);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("diagnostics.bundle-dir", BUNDLE_DIR.toString(),
                    "diagnostics.bundles.quota", "4K",
                    "diagnostics.bundles.min-free-space", "0",
                    "diagnostics.bundles.files", noise.toAbsolutePath().toString());
        }
    }

    @Test
    @Order(1)
    void aBundleThatOutgrowsTheQuotaFailsAndLeavesNoZip() throws Exception {
        operator().when().put("/system/health/v1/node/diagnostics/grows").then().statusCode(200);
        JsonPath state = awaitStatus("/system/health/v1/node/diagnostics/grows", "Failed");
        List<String> errors = state.getList("errors");
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("the bundle outgrew the room left in the bundle directory")),
                errors.toString());
        assertFalse(Files.exists(BUNDLE_DIR.resolve("local/grows/bundle.zip")));
        operator().when().get("/system/health/v1/node/diagnostics/grows/file").then().statusCode(410);
    }

    @Test
    @Order(2)
    void aFullBundleDirIs507() throws Exception {
        Files.write(BUNDLE_DIR.resolve("leftover.bin"), new byte[8192]);
        try {
            operator().when().put("/system/health/v1/node/diagnostics/refused").then().statusCode(507)
                    .contentType("application/problem+json")
                    .body("title", equalTo("Insufficient Storage"))
                    .body("detail", containsString("of its quota of 4096 bytes (diagnostics.bundles.quota); delete old bundles first"));
            operator().when().get("/system/health/v1/node/diagnostics/refused").then().statusCode(404);
        } finally {
            Files.delete(BUNDLE_DIR.resolve("leftover.bin"));
        }
    }
}
