package day2ops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.util.KeyUtils;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusMainTest
class TokenCommandTest {

    @TempDir
    static Path dir;

    static Path privateKey;
    static Path otherKey;

    @BeforeAll
    static void copyTestKeys() throws IOException {
        privateKey = copy("day2ops-test/privateKey.pem", "key.pem");
        otherKey = copy("day2ops-test/otherPrivateKey.pem", "other.pem");
    }

    @Test
    void mintsTokenVerifiableWithThePublicKey(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("token", "-k", privateKey.toString(), "--uid", "alice",
                "-p", "dcos:adminrouter:ops:system-logs", "-p", "dcos:adminrouter:ops:system-metrics", "--ttl", "2h");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        JsonWebToken jwt = verify(result.getOutput().strip());
        assertEquals("alice", jwt.getClaim("uid"));
        assertEquals(Set.of("dcos:adminrouter:ops:system-logs", "dcos:adminrouter:ops:system-metrics"), jwt.getGroups());
        long lifetime = jwt.getExpirationTime() - Instant.now().getEpochSecond();
        assertTrue(lifetime > 7100 && lifetime <= 7200, "lifetime " + lifetime);
    }

    @Test
    void superuserFlagGrantsSuperuserAndIssuerIsSet(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("token", "-k", privateKey.toString(), "-u", "ops", "--superuser",
                "--issuer", "day2ops-dev");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        JsonWebToken jwt = verify(result.getOutput().strip());
        assertEquals(Set.of("dcos:superuser"), jwt.getGroups());
        assertEquals("day2ops-dev", jwt.getIssuer());
    }

    @Test
    void tokenFromAnotherKeyDoesNotVerify(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("token", "-k", otherKey.toString(), "-u", "alice");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertThrows(ParseException.class, () -> verify(result.getOutput().strip()));
    }

    @Test
    void missingKeyFileIsAClearUsageError(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("token", "-k", dir.resolve("absent.pem").toString(), "-u", "alice");

        assertEquals(2, result.exitCode());
        assertTrue(result.getErrorOutput().contains("absent.pem does not exist"), result.getErrorOutput());
    }

    @Test
    void rejectsMalformedTtl(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("token", "-k", privateKey.toString(), "-u", "alice", "--ttl", "soon");

        assertEquals(2, result.exitCode());
        assertTrue(result.getErrorOutput().contains("'soon' is not a duration"), result.getErrorOutput());
    }

    @Test
    void rejectsAFileThatIsNotAKey(QuarkusMainLauncher launcher) throws IOException {
        Path notAKey = Files.writeString(dir.resolve("not-a-key.pem"), "hello\n");
        LaunchResult result = launcher.launch("token", "-k", notAKey.toString(), "-u", "alice");

        assertEquals(2, result.exitCode());
        assertTrue(result.getErrorOutput().contains("is not a PKCS#8 PEM RSA private key"), result.getErrorOutput());
    }

    private static JsonWebToken verify(String token) throws Exception {
        JWTAuthContextInfo context = new JWTAuthContextInfo(
                KeyUtils.readPublicKey("day2ops-test/publicKey.pem"), null);
        // Verified as the services verify: the principal is the uid claim.
        context.setSubjectPath("uid");
        JWTParser parser = new DefaultJWTParser(context);
        return parser.parse(token);
    }

    private static Path copy(String resource, String name) throws IOException {
        try (InputStream in = TokenCommandTest.class.getClassLoader().getResourceAsStream(resource)) {
            Path target = dir.resolve(name);
            Files.copy(in, target);
            return target;
        }
    }
}
