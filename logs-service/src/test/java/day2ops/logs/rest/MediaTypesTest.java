package day2ops.logs.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class MediaTypesTest {

    private static final List<String> OFFERS = List.of("application/json", "text/event-stream", "text/plain");

    @Test
    void negotiatesByQualityAndSpecificity() {
        assertEquals("text/plain", MediaTypes.negotiate(null, OFFERS, "text/plain"));
        assertEquals("application/json", MediaTypes.negotiate("*/*", OFFERS, "text/plain"));
        assertEquals("text/event-stream", MediaTypes.negotiate("text/event-stream", OFFERS, "text/plain"));
        assertEquals("application/json", MediaTypes.negotiate("text/plain;q=0.5, application/json", OFFERS, "x"));
        assertEquals("text/plain", MediaTypes.negotiate("text/*;q=0.8, text/event-stream;q=0.1, application/json;q=0.5", OFFERS, "x"));
        assertEquals("application/json", MediaTypes.negotiate("Application/JSON; charset=utf-8", OFFERS, "x"));
        assertEquals("text/event-stream", MediaTypes.negotiate("*/*;q=0.1, application/json;q=0", OFFERS, "x"));
        assertNull(MediaTypes.negotiate("image/png", OFFERS, "text/plain"));
        assertNull(MediaTypes.negotiate("application/json;q=0", OFFERS, "text/plain"));
    }
}
