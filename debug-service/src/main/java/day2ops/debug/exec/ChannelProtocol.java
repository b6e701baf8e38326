package day2ops.debug.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;

/**
 * The Kubernetes exec channel protocol ({@code v4.channel.k8s.io}, {@code v5.channel.k8s.io}): every
 * binary WebSocket message is one channel byte followed by the payload.
 */
public final class ChannelProtocol {

    public static final String V5 = "v5.channel.k8s.io";
    public static final String V4 = "v4.channel.k8s.io";
    /** Supported subprotocols, preferred first. */
    public static final List<String> SUBPROTOCOLS = List.of(V5, V4);

    public static final int STDIN = 0;
    public static final int STDOUT = 1;
    public static final int STDERR = 2;
    public static final int ERROR = 3;
    public static final int RESIZE = 4;
    /** v5 only: {@code [255, channel]} closes that channel (half-close of stdin). */
    public static final int CLOSE = 255;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChannelProtocol() {
    }

    /** A window size from a resize message. */
    public record TerminalSize(int width, int height) {
    }

    /** The channel byte prepended to {@code payload[offset, offset+length)}. */
    public static byte[] frame(int channel, byte[] payload, int offset, int length) {
        byte[] message = new byte[length + 1];
        message[0] = (byte) channel;
        System.arraycopy(payload, offset, message, 1, length);
        return message;
    }

    /**
     * Parses a resize payload {@code {"Width":cols,"Height":rows}}.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static TerminalSize parseResize(byte[] payload, int offset, int length) {
        JsonNode node;
        try {
            node = JSON.readTree(payload, offset, length);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("resize message is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("resize message is not JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("resize message must be an object {\"Width\":cols,\"Height\":rows}");
        }
        return new TerminalSize(dimension(node, "Width"), dimension(node, "Height"));
    }

    private static int dimension(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 1
                || value.intValue() > 65535) {
            throw new IllegalArgumentException("resize message needs " + name + " as an integer 1..65535");
        }
        return value.intValue();
    }

    /** The final status for an exit code: {@code Success} for 0, else {@code NonZeroExitCode} with the code. */
    public static String exitStatus(int exitCode) {
        ObjectNode status = JSON.createObjectNode();
        status.putObject("metadata");
        if (exitCode == 0) {
            status.put("status", "Success");
            return status.toString();
        }
        status.put("status", "Failure");
        status.put("message", "command terminated with non-zero exit code: exit status " + exitCode);
        status.put("reason", "NonZeroExitCode");
        status.putObject("details").putArray("causes").addObject()
                .put("reason", "ExitCode").put("message", Integer.toString(exitCode));
        return status.toString();
    }

    /** A failure status that is not an exit code (timeouts, backend errors), Kubernetes-shaped. */
    public static String failure(String reason, String message) {
        ObjectNode status = JSON.createObjectNode();
        status.putObject("metadata");
        status.put("status", "Failure");
        status.put("message", message);
        status.put("reason", reason);
        return status.toString();
    }
}
