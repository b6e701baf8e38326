package day2ops.debug.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsciicastRecorderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesHeaderAndEventsWithUtf8SplitAcrossChunks(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("rec/s.cast");
        byte[] text = "café ✓\n".getBytes(StandardCharsets.UTF_8);
        try (AsciicastRecorder recorder = AsciicastRecorder.create(file, 80, 24, "xterm", "alice@task: sh")) {
            recorder.output(text, 0, 4); // "caf" + the first byte of "é"
            recorder.output(text, 4, text.length - 4);
            recorder.input("ls\r".getBytes(StandardCharsets.UTF_8), 0, 3);
            recorder.resize(100, 30);
            recorder.output(new byte[] {(byte) 0xff, 'x'}, 0, 2);
        }
        List<String> lines = Files.readAllLines(file);
        JsonNode header = JSON.readTree(lines.get(0));
        assertEquals(2, header.path("version").asInt());
        assertEquals(80, header.path("width").asInt());
        assertEquals("xterm", header.path("env").path("TERM").asText());
        assertEquals("caf", JSON.readTree(lines.get(1)).get(2).asText());
        assertEquals("é ✓\n", JSON.readTree(lines.get(2)).get(2).asText());
        assertEquals("i", JSON.readTree(lines.get(3)).get(1).asText());
        assertEquals("ls\r", JSON.readTree(lines.get(3)).get(2).asText());
        assertEquals("100x30", JSON.readTree(lines.get(4)).get(2).asText());
        assertEquals("\uFFFDx", JSON.readTree(lines.get(5)).get(2).asText());
        assertEquals(6, lines.size());
    }

    @Test
    void neverOverwritesARecording(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("s.cast");
        Files.writeString(file, "earlier");
        assertThrows(FileAlreadyExistsException.class, () -> AsciicastRecorder.create(file, 80, 24, "xterm", "t"));
        assertEquals("earlier", Files.readString(file));
    }
}
