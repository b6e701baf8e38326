package day2ops.cli;

import day2ops.common.auth.Permissions;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code day2 token}: mints an RS256 JWT the way the cluster issues them ({@code uid},
 * {@code groups} with permission ids, {@code iat}, {@code exp}), for development and service accounts.
 */
@Command(name = "token",
        mixinStandardHelpOptions = true,
        description = {"Mint a JWT signed with a private key (PKCS#8 PEM, RS256).",
            "Example: day2 token --private-key key.pem --uid alice -p dcos:adminrouter:ops:system-logs"})
public class TokenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-k", "--private-key"}, required = true, paramLabel = "FILE",
            defaultValue = "${env:DAY2OPS_PRIVATE_KEY}",
            description = "PKCS#8 PEM private key (default: $DAY2OPS_PRIVATE_KEY).")
    Path privateKey;

    @Option(names = {"-u", "--uid"}, required = true, description = "User or service-account id (the uid claim).")
    String uid;

    @Option(names = {"-p", "--permission"}, paramLabel = "ID",
            description = "Permission id to grant, repeatable (the groups claim), e.g. dcos:adminrouter:ops:system-logs.")
    List<String> permissions = List.of();

    @Option(names = "--superuser", description = "Grant dcos:superuser.")
    boolean superuser;

    @Option(names = "--ttl", defaultValue = "1h", converter = TtlConverter.class,
            description = "Lifetime: 90s, 30m, 8h, 7d or ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration ttl;

    @Option(names = "--issuer", description = "The iss claim, when the cluster checks issuers.")
    String issuer;

    @Override
    public Integer call() {
        if (uid.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--uid must not be blank");
        }
        LinkedHashSet<String> groups = new LinkedHashSet<>(permissions);
        if (superuser) {
            groups.add(Permissions.SUPERUSER);
        }
        JwtClaimsBuilder claims = Jwt.claims().claim("uid", uid).groups(groups).issuedAt(System.currentTimeMillis() / 1000)
                .expiresIn(ttl);
        if (issuer != null) {
            claims.issuer(issuer);
        }
        spec.commandLine().getOut().println(claims.jws().algorithm(SignatureAlgorithm.RS256)
                .sign(readPrivateKey()));
        return 0;
    }

    private PrivateKey readPrivateKey() {
        String pem;
        try {
            pem = Files.readString(privateKey);
        } catch (NoSuchFileException e) {
            throw new ParameterException(spec.commandLine(), "private key " + privateKey + " does not exist");
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read private key " + privateKey + ": " + e.getMessage());
        }
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new ParameterException(spec.commandLine(), privateKey + " is a PKCS#1 key; convert it with "
                    + "'openssl pkcs8 -topk8 -nocrypt -in " + privateKey + "'");
        }
        try {
            return KeyUtils.decodePrivateKey(pem);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), privateKey + " is not a PKCS#8 PEM RSA private key");
        }
    }

    /** Parses {@code 90s}, {@code 30m}, {@code 8h}, {@code 7d} and ISO-8601 durations; must be positive. */
    static class TtlConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            Duration ttl;
            try {
                if (v.startsWith("p")) {
                    ttl = Duration.parse(v.toUpperCase(Locale.ROOT));
                } else {
                    long amount = Long.parseLong(v.substring(0, v.length() - 1));
                    ttl = switch (v.charAt(v.length() - 1)) {
                        case 's' -> Duration.ofSeconds(amount);
                        case 'm' -> Duration.ofMinutes(amount);
                        case 'h' -> Duration.ofHours(amount);
                        case 'd' -> Duration.ofDays(amount);
                        default -> throw new IllegalArgumentException();
                    };
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("'" + value + "' is not a duration like 90s, 30m, 8h, 7d or PT8H");
            }
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("--ttl must be positive, got '" + value + "'");
            }
            return ttl;
        }
    }
}
