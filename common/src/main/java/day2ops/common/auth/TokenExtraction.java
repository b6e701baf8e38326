package day2ops.common.auth;

import java.util.Optional;

/**
 * Where a request carries its token, in DC/OS precedence: {@code Authorization: token=<jwt>},
 * then {@code Authorization: Bearer <jwt>}, else the {@value #COOKIE} cookie — the cookie
 * only when there is no Authorization header at all.
 */
public final class TokenExtraction {

    public static final String COOKIE = "dcos-acs-auth-cookie";

    /** Tokens larger than this are refused unread (Adminrouter applies the same limit). */
    public static final int MAX_TOKEN_LENGTH = 8192;

    private TokenExtraction() {
    }

    /**
     * The raw token, or empty when the request presents none usable.
     *
     * @param authorization the Authorization header value, or null when absent
     * @param cookie the {@value #COOKIE} value, or null when absent
     */
    public static Optional<String> extract(String authorization, String cookie) {
        String token;
        if (authorization != null) {
            token = fromAuthorization(authorization.strip());
        } else {
            token = cookie == null ? null : cookie.strip();
        }
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        return Optional.of(token);
    }

    private static String fromAuthorization(String header) {
        if (header.regionMatches(true, 0, "token=", 0, 6)) {
            return header.substring(6);
        }
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).strip();
        }
        return null;
    }
}
