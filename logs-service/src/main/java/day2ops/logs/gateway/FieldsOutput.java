package day2ops.logs.gateway;

import day2ops.logs.format.ByteSink;
import day2ops.logs.format.Utf8;
import java.util.List;

/**
 * gatewayd's {@code /fields/FIELD} body: one value per line ({@code text/plain}), or per line
 * {@code { "FIELD" : "value" }} ({@code application/json}) with gatewayd's own spacing; values that
 * are not printable UTF-8 as {@code [ 1, 2, 3 ]}.
 */
final class FieldsOutput {

    private FieldsOutput() {
    }

    static byte[] encode(String field, List<byte[]> values, boolean json) {
        ByteSink out = new ByteSink(4096);
        for (byte[] value : values) {
            if (!json) {
                out.put(value).put((byte) '\n');
                continue;
            }
            out.ascii("{ \"").ascii(field).ascii("\" : ");
            if (Utf8.printable(value, 0, value.length, true)) {
                out.put((byte) '"');
                for (byte b : value) {
                    if (b == '"' || b == '\\') {
                        out.put((byte) '\\').put(b);
                    } else if (b == '\n') {
                        out.put((byte) '\\').put((byte) 'n');
                    } else if (b >= 0 && b < ' ') {
                        out.ascii(String.format("\\u%04x", b));
                    } else {
                        out.put(b);
                    }
                }
                out.put((byte) '"');
            } else {
                out.ascii("[ ");
                for (int i = 0; i < value.length; i++) {
                    if (i > 0) {
                        out.ascii(", ");
                    }
                    out.decimal(value[i] & 0xff);
                }
                out.ascii(" ]");
            }
            out.ascii(" }\n");
        }
        return out.toByteArray();
    }
}
