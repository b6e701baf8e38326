package day2ops.cli.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExecStatusTest {

    @Test
    void successIsExitCodeZero() {
        assertEquals(new ExecStatus.Outcome(0, null), ExecStatus.parse("{\"metadata\":{},\"status\":\"Success\"}"));
    }

    @Test
    void nonZeroExitCodeIsTheRemoteCode() {
        assertEquals(new ExecStatus.Outcome(137, null), ExecStatus.parse("{\"status\":\"Failure\",\"reason\":\"NonZeroExitCode\","
                + "\"details\":{\"causes\":[{\"reason\":\"ExitCode\",\"message\":\"137\"}]},\"message\":\"x\"}"));
    }

    @Test
    void otherFailuresAreExitCodeOneWithTheirMessage() {
        assertEquals(new ExecStatus.Outcome(1, "Timeout: session was idle for PT15M"),
                ExecStatus.parse("{\"status\":\"Failure\",\"reason\":\"Timeout\",\"message\":\"session was idle for PT15M\"}"));
        assertEquals(1, ExecStatus.parse("not json").exitCode());
    }
}
