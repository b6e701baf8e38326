package day2ops.journal.testing;

import day2ops.journal.JournalWriter;
import java.nio.charset.StandardCharsets;

/**
 * The deterministic content of round-trip entry {@code i}: the writer derives what to send from it, the
 * reader what to expect, so 100k entries need no stored fixture. Fields are those the Mesos journald
 * container logger writes, plus a binary one with NUL, 0xFF, a newline and invalid UTF-8.
 */
public final class RoundTripFixture {

    public static final String RUN = "TEST_RUN";
    public static final String INDEX = "ROUND_TRIP_INDEX";
    public static final String[] FIELDS = {"MESSAGE", "FRAMEWORK_ID", "EXECUTOR_ID", "CONTAINER_ID", "STREAM", "BINARY_PAYLOAD",
        INDEX, RUN};

    private RoundTripFixture() {
    }

    public static void addTo(JournalWriter writer, String run, int i) {
        writer.add("MESSAGE", message(i))
                .add("FRAMEWORK_ID", frameworkId(i))
                .add("EXECUTOR_ID", "executor-" + (i % 11))
                .add("CONTAINER_ID", containerId(i))
                .add("STREAM", stream(i))
                .add("BINARY_PAYLOAD", binary(i))
                .add(INDEX, Integer.toString(i))
                .add(RUN, run);
    }

    static String message(int i) {
        return "round trip entry " + i + " \u00e9\u00e8 \u2603 tab\there";
    }

    static String frameworkId(int i) {
        return "a1b2c3d4-0000-4000-8000-00000000000" + (i % 7) + "-0001";
    }

    static String containerId(int i) {
        return "container-" + (i % 13) + ".child-" + (i % 5);
    }

    static String stream(int i) {
        return i % 3 == 0 ? "STDERR" : "STDOUT";
    }

    public static byte[] binary(int i) {
        byte[] tail = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
        byte[] b = new byte[9 + tail.length];
        b[0] = (byte) (i >>> 24);
        b[1] = (byte) (i >>> 16);
        b[2] = (byte) (i >>> 8);
        b[3] = (byte) i;
        b[4] = 0;
        b[5] = (byte) 0xff;
        b[6] = '\n';
        b[7] = (byte) 0xc3;
        b[8] = (byte) 0x28;
        System.arraycopy(tail, 0, b, 9, tail.length);
        return b;
    }

    public static byte[] expected(String field, String run, int i) {
        return switch (field) {
            case "MESSAGE" -> message(i).getBytes(StandardCharsets.UTF_8);
            case "FRAMEWORK_ID" -> frameworkId(i).getBytes(StandardCharsets.UTF_8);
            case "EXECUTOR_ID" -> ("executor-" + (i % 11)).getBytes(StandardCharsets.UTF_8);
            case "CONTAINER_ID" -> containerId(i).getBytes(StandardCharsets.UTF_8);
            case "STREAM" -> stream(i).getBytes(StandardCharsets.UTF_8);
            case "BINARY_PAYLOAD" -> binary(i);
            case INDEX -> Integer.toString(i).getBytes(StandardCharsets.UTF_8);
            case RUN -> run.getBytes(StandardCharsets.UTF_8);
            default -> throw new IllegalArgumentException(field);
        };
    }
}
