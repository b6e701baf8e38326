package day2ops.common.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenExtractionTest {

    @Test
    void readsDcosTokenScheme() {
        assertEquals(Optional.of("abc.def.ghi"), TokenExtraction.extract("token=abc.def.ghi", null));
    }

    @Test
    void readsBearerSchemeCaseInsensitively() {
        assertEquals(Optional.of("abc.def.ghi"), TokenExtraction.extract("bearer  abc.def.ghi ", null));
    }

    @Test
    void prefersAuthorizationHeaderOverCookie() {
        assertEquals(Optional.of("header"), TokenExtraction.extract("token=header", "cookie"));
    }

    @Test
    void usesCookieOnlyWithoutAuthorizationHeader() {
        assertEquals(Optional.of("cookie"), TokenExtraction.extract(null, "cookie"));
    }

    @Test
    void unknownSchemeDoesNotFallBackToCookie() {
        assertTrue(TokenExtraction.extract("Basic dXNlcjpwYXNz", "cookie").isEmpty());
    }

    @Test
    void refusesEmptyAndOversizedTokens() {
        assertTrue(TokenExtraction.extract("token=", null).isEmpty());
        assertTrue(TokenExtraction.extract(null, "").isEmpty());
        assertTrue(TokenExtraction.extract("token=" + "a".repeat(TokenExtraction.MAX_TOKEN_LENGTH + 1), null).isEmpty());
    }
}
