package day2ops.common.testing;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/**
 * Tokens for tests, signed with the test-only key pair under {@code day2ops-test/} (services
 * point {@code mp.jwt.verify.publickey.location} at its public half in the test profile).
 */
public final class TestTokens {

    public static final String PUBLIC_KEY_RESOURCE = "day2ops-test/publicKey.pem";

    private TestTokens() {
    }

    /** A valid token for {@code uid} holding {@code groups}, expiring in an hour. */
    public static String token(String uid, String... groups) {
        return claims(uid, groups).sign(key("day2ops-test/privateKey.pem"));
    }

    /** A token whose {@code exp} lies ten minutes in the past. */
    public static String expired(String uid, String... groups) {
        Instant past = Instant.now().minus(Duration.ofMinutes(10));
        return claims(uid, groups).issuedAt(past.minusSeconds(60)).expiresAt(past).sign(key("day2ops-test/privateKey.pem"));
    }

    /** A well-formed token signed by a key the services do not trust. */
    public static String signedByUnknownKey(String uid, String... groups) {
        return claims(uid, groups).sign(key("day2ops-test/otherPrivateKey.pem"));
    }

    /** A valid token whose payload was changed after signing (groups widened to superuser). */
    public static String tampered(String uid) {
        String[] parts = token(uid).split("\\.");
        String payload = "{\"uid\":\"" + uid + "\",\"groups\":[\"dcos:superuser\"],\"exp\":"
                + Instant.now().plusSeconds(3600).getEpochSecond() + "}";
        return parts[0] + "." + base64Url(payload) + "." + parts[2];
    }

    /** An unsigned token ({@code alg: none}) with otherwise valid claims. */
    public static String unsigned(String uid, String... groups) {
        String payload = "{\"uid\":\"" + uid + "\",\"groups\":[" + quoted(groups) + "],\"exp\":"
                + Instant.now().plusSeconds(3600).getEpochSecond() + "}";
        return base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + base64Url(payload) + ".";
    }

    /**
     * A token shaped exactly as DC/OS issues them: {@code uid}, {@code exp} and the permissions,
     * no {@code iat}, {@code jti} or {@code sub} (the builder above always adds {@code iat}).
     */
    public static String dcosStyle(String uid, String... groups) {
        String header = base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String payload = base64Url("{\"uid\":\"" + uid + "\",\"exp\":" + Instant.now().plusSeconds(3600).getEpochSecond()
                + ",\"groups\":[" + quoted(groups) + "]}");
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key("day2ops-test/privateKey.pem"));
            rs256.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    /** A token without the required {@code uid} claim. */
    public static String withoutUid(String... groups) {
        return Jwt.claims().subject("nobody").groups(Set.of(groups)).expiresIn(Duration.ofHours(1))
                .jws().algorithm(SignatureAlgorithm.RS256).sign(key("day2ops-test/privateKey.pem"));
    }

    private static JwtClaimsBuilder claims(String uid, String... groups) {
        return Jwt.claims().claim("uid", uid).groups(Set.of(groups)).expiresIn(Duration.ofHours(1));
    }

    private static PrivateKey key(String resource) {
        try {
            return KeyUtils.readPrivateKey(resource);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read test key " + resource, e);
        }
    }

    private static String quoted(String... values) {
        StringBuilder out = new StringBuilder();
        for (String value : values) {
            out.append(out.isEmpty() ? "" : ",").append('"').append(value).append('"');
        }
        return out.toString();
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
