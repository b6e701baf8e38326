package day2ops.debug.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelProtocolTest {

    @Test
    void successStatusIsKubernetesShaped() {
        assertEquals("{\"metadata\":{},\"status\":\"Success\"}", ChannelProtocol.exitStatus(0));
    }

    @Test
    void nonZeroExitCarriesTheCodeAsExitCodeCause() {
        assertEquals("{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with non-zero exit code: "
                + "exit status 3\",\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":[{\"reason\":\"ExitCode\","
                + "\"message\":\"3\"}]}}", ChannelProtocol.exitStatus(3));
    }

    @Test
    void framePrependsTheChannelByte() {
        assertArrayEquals(new byte[] {2, 'b', 'c'}, ChannelProtocol.frame(2, "abcd".getBytes(StandardCharsets.US_ASCII), 1, 2));
    }

    @Test
    void parsesResize() {
        byte[] json = "{\"Width\":120,\"Height\":40}".getBytes(StandardCharsets.UTF_8);
        assertEquals(new ChannelProtocol.TerminalSize(120, 40), ChannelProtocol.parseResize(json, 0, json.length));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"Width\":0,\"Height\":40}", "{\"Width\":80}", "[80,24]", "{\"Width\":\"80\",\"Height\":24}",
            "{\"Width\":80.5,\"Height\":24}", "not json"})
    void rejectsMalformedResize(String payload) {
        byte[] json = payload.getBytes(StandardCharsets.UTF_8);
        assertThrows(IllegalArgumentException.class, () -> ChannelProtocol.parseResize(json, 0, json.length));
    }
}
