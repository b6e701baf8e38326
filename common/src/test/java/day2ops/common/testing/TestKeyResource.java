package day2ops.common.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Points a service under test at the test public key. The key is written to a file so that the
 * same configuration works for {@code @QuarkusTest} and for the packaged application under
 * {@code @QuarkusIntegrationTest} (JVM jar or native executable), which has no test classpath.
 */
public class TestKeyResource implements QuarkusTestResourceLifecycleManager {

    private Path keyFile;

    @Override
    public Map<String, String> start() {
        try (InputStream key = TestKeyResource.class.getClassLoader().getResourceAsStream(TestTokens.PUBLIC_KEY_RESOURCE)) {
            keyFile = Files.createTempFile("day2ops-test-public", ".pem");
            Files.copy(key, keyFile, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test public key", e);
        }
        return Map.of("mp.jwt.verify.publickey.location", keyFile.toUri().toString());
    }

    @Override
    public void stop() {
        try {
            Files.deleteIfExists(keyFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
