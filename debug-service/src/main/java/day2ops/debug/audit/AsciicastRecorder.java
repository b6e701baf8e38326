package day2ops.debug.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * A session recording in asciicast v2 (one JSON header line, then {@code [seconds, "o"|"i"|"r", data]}
 * lines), playable with {@code asciinema play}. Output and input are decoded as UTF-8 across chunk
 * boundaries; invalid bytes become U+FFFD. Thread-safe; a write failure stops the recording, never
 * the session.
 */
public final class AsciicastRecorder implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AsciicastRecorder.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final BufferedWriter writer;
    private final long startNanos = System.nanoTime();
    private final CharsetDecoder outputDecoder = decoder();
    private final CharsetDecoder inputDecoder = decoder();
    private final ByteBuffer outputPending = ByteBuffer.allocate(8);
    private final ByteBuffer inputPending = ByteBuffer.allocate(8);
    private boolean failed;

    private AsciicastRecorder(Path file, BufferedWriter writer) {
        this.file = file;
        this.writer = writer;
    }

    /** Creates {@code file} (never overwrites) and writes the header. */
    public static AsciicastRecorder create(Path file, int width, int height, String term, String title) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE);
        ObjectNode header = JSON.createObjectNode().put("version", 2).put("width", width).put("height", height)
                .put("timestamp", Instant.now().getEpochSecond()).put("title", title);
        header.putObject("env").put("TERM", term);
        writer.write(header.toString());
        writer.write('\n');
        return new AsciicastRecorder(file, writer);
    }

    public Path file() {
        return file;
    }

    public synchronized void output(byte[] data, int offset, int length) {
        event("o", decode(outputDecoder, outputPending, data, offset, length));
    }

    public synchronized void input(byte[] data, int offset, int length) {
        event("i", decode(inputDecoder, inputPending, data, offset, length));
    }

    public synchronized void resize(int width, int height) {
        event("r", width + "x" + height);
    }

    private void event(String type, String data) {
        if (failed || data.isEmpty()) {
            return;
        }
        ArrayNode event = JSON.createArrayNode();
        event.add(Math.round((System.nanoTime() - startNanos) / 1e3) / 1e6).add(type).add(data);
        try {
            writer.write(event.toString());
            writer.write('\n');
        } catch (IOException e) {
            failed = true;
            LOG.errorf("session recording %s stopped: %s", file, e.getMessage());
        }
    }

    private static String decode(CharsetDecoder decoder, ByteBuffer pending, byte[] data, int offset, int length) {
        ByteBuffer in = ByteBuffer.allocate(pending.position() + length);
        pending.flip();
        in.put(pending);
        in.put(data, offset, length);
        in.flip();
        CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
        decoder.decode(in, out, false);
        pending.clear();
        pending.put(in); // an incomplete UTF-8 sequence at the end waits for the next chunk (at most 3 bytes)
        out.flip();
        return out.toString();
    }

    private static CharsetDecoder decoder() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish session recording " + file, e);
        }
    }
}
