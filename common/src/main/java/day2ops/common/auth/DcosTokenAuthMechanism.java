package day2ops.common.auth;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.JsonWebTokenCredential;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Reads the token the DC/OS way ({@code Authorization: token=…}, {@code Bearer …}, or the
 * {@code dcos-acs-auth-cookie} cookie, see {@link TokenExtraction}) and hands it to SmallRye
 * JWT for verification; challenges with {@code WWW-Authenticate: acsjwt}.
 */
@ApplicationScoped
public class DcosTokenAuthMechanism implements HttpAuthenticationMechanism {

    /** The challenge scheme DC/OS clients expect on a 401. */
    public static final String CHALLENGE = "acsjwt";

    private static final ChallengeData UNAUTHORIZED =
            new ChallengeData(401, "WWW-Authenticate", CHALLENGE);

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        Cookie cookie = context.request().getCookie(TokenExtraction.COOKIE);
        return TokenExtraction
                .extract(context.request().getHeader(HttpHeaders.AUTHORIZATION),
                        cookie == null ? null : cookie.getValue())
                .map(token -> identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(
                        new TokenAuthenticationRequest(new JsonWebTokenCredential(token)), context)))
                .orElseGet(() -> Uni.createFrom().nullItem());
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(UNAUTHORIZED);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "token"));
    }

    @Override
    public int getPriority() {
        // Ahead of SmallRye's own Bearer-only mechanism, so "token=" and the cookie are read first.
        return DEFAULT_PRIORITY + 100;
    }
}
