package day2ops.diagnostics.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.ws.rs.BadRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;

class BundleIdsTest {

    @Test
    void plainIdsAreAccepted() {
        for (String id : List.of("a", "bundle-2026-11-21T10.00_x", "x".repeat(128), "...")) {
            assertEquals(id, BundleIds.validate(id));
        }
    }

    @Test
    void pathLikeOrOverlongIdsAreRejected() {
        for (String id : List.of("", ".", "..", "a/b", "a\\b", "x".repeat(129), "a b", "nul\0", "ü")) {
            assertThrows(BadRequestException.class, () -> BundleIds.validate(id), id);
        }
    }
}
