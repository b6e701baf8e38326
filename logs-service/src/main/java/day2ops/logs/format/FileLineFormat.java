package day2ops.logs.format;

/**
 * Lines of a task sandbox file in the DC/OS formats: {@code text/plain} (the line as is),
 * {@code application/json} ({@code {"fields":{"MESSAGE":…},"cursor":"<offset>"}} — the line's text as a
 * string, or an array of byte values when it is not printable UTF-8), {@code text/event-stream}
 * ({@code id: <offset>} + {@code data: <json>}). The cursor/id of a line is the byte offset of its
 * newline: resuming after it continues with the next line.
 */
public enum FileLineFormat {
    TEXT("text/plain;charset=utf-8"),
    JSON("application/json"),
    EVENT_STREAM("text/event-stream");

    private final String contentType;

    FileLineFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    public void write(byte[] line, int offset, int length, long id, ByteSink out) {
        if (this == TEXT) {
            out.put(line, offset, length).put((byte) '\n');
            return;
        }
        if (this == EVENT_STREAM) {
            out.ascii("id: ").decimal(id).ascii("\ndata: ");
        }
        out.ascii("{\"fields\":{\"MESSAGE\":");
        Json.bytesValue(out, line, offset, length);
        out.ascii("},\"cursor\":\"").decimal(id).ascii("\"}");
        out.ascii(this == EVENT_STREAM ? "\n\n" : "\n");
    }
}
