package day2ops.cli.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HttpProblemsTest {

    @Test
    void problemJsonGivesStatusReasonAndDetail() {
        assertEquals("403 Forbidden: permission dcos:adminrouter:ops:system-health required",
                HttpProblems.message(403, "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                        + "\"detail\":\"permission dcos:adminrouter:ops:system-health required\"}"));
    }

    @Test
    void titleIsUsedWithoutDetailAndDroppedWhenItOnlyRepeatsTheReason() {
        assertEquals("409 Conflict: bundle exists", HttpProblems.message(409, "{\"title\":\"bundle exists\"}"));
        assertEquals("401 Unauthorized", HttpProblems.message(401, "{\"title\":\"Unauthorized\",\"status\":401}"));
    }

    @Test
    void plainTextGivesItsFirstLineAndHtmlNothing() {
        assertEquals("502 Bad Gateway: upstream down", HttpProblems.message(502, "upstream down\nmore"));
        assertEquals("404 Not Found", HttpProblems.message(404, "<html><body>404</body></html>"));
        assertEquals("507 Insufficient Storage", HttpProblems.message(507, ""));
    }
}
