package day2ops.debug.exec.mesos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** RecordIO properties over generated streams (seeded, so a failure names a reproducible seed). */
class RecordIoTest {

    @Test
    void encodesAsTheMesosDocsShowIt() {
        assertArrayEquals("5\nhello".getBytes(StandardCharsets.US_ASCII), RecordIo.encode("hello".getBytes(StandardCharsets.US_ASCII)));
        assertArrayEquals("0\n".getBytes(StandardCharsets.US_ASCII), RecordIo.encode(new byte[0]));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void anySplitOfAnyStreamDecodesToTheSameRecords(long seed) throws IOException {
        Random random = new Random(seed);
        List<byte[]> records = new ArrayList<>();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        int count = random.nextInt(50);
        for (int i = 0; i < count; i++) {
            byte[] record = new byte[random.nextInt(4) == 0 ? 0 : random.nextInt(3000)];
            random.nextBytes(record); // binary, including '\n' and digits
            records.add(record);
            stream.writeBytes(RecordIo.encode(record));
        }
        byte[] bytes = stream.toByteArray();
        RecordIo.Decoder decoder = new RecordIo.Decoder(1 << 20);
        List<byte[]> decoded = new ArrayList<>();
        int offset = 0;
        while (offset < bytes.length) {
            int chunk = Math.min(bytes.length - offset, 1 + random.nextInt(random.nextBoolean() ? 3 : 5000));
            decoded.addAll(decoder.feed(bytes, offset, chunk));
            offset += chunk;
        }
        assertEquals(records.size(), decoded.size(), "seed " + seed);
        for (int i = 0; i < records.size(); i++) {
            assertArrayEquals(records.get(i), decoded.get(i), "seed " + seed + ", record " + i);
        }
        assertTrue(decoder.atBoundary());
    }

    @Test
    void largeRecordArrivesWhole() throws IOException {
        byte[] large = new byte[8 << 20];
        new Random(42).nextBytes(large);
        byte[] framed = RecordIo.encode(large);
        RecordIo.Decoder decoder = new RecordIo.Decoder(16 << 20);
        List<byte[]> decoded = new ArrayList<>();
        for (int offset = 0; offset < framed.length; offset += 65536) {
            decoded.addAll(decoder.feed(framed, offset, Math.min(65536, framed.length - offset)));
        }
        assertEquals(1, decoded.size());
        assertArrayEquals(large, decoded.get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x\nabc", "5x\nhello", "\nhello", "-1\n", "12345678901234567890\n", "3\nabc{\"type\":1}"})
    void garbageIsAnError(String garbage) {
        RecordIo.Decoder decoder = new RecordIo.Decoder(1 << 20);
        byte[] bytes = garbage.getBytes(StandardCharsets.US_ASCII);
        IOException error = assertThrows(IOException.class, () -> decoder.feed(bytes, 0, bytes.length));
        assertTrue(error.getMessage().startsWith("RecordIO: "), error.getMessage());
        assertThrows(IOException.class, () -> decoder.feed(bytes, 0, 1), "a failed decoder stays failed");
    }

    @Test
    void recordAboveTheLimitIsRefusedBeforeAllocation() {
        RecordIo.Decoder decoder = new RecordIo.Decoder(1024);
        byte[] prefix = "1025\n".getBytes(StandardCharsets.US_ASCII);
        IOException error = assertThrows(IOException.class, () -> decoder.feed(prefix, 0, prefix.length));
        assertEquals("RecordIO: record of 1025 bytes exceeds the limit of 1024", error.getMessage());
    }

    @Test
    void truncatedStreamIsNotAtABoundary() throws IOException {
        RecordIo.Decoder decoder = new RecordIo.Decoder(1024);
        byte[] bytes = "5\nhel".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0, decoder.feed(bytes, 0, bytes.length).size());
        assertTrue(!decoder.atBoundary());
    }
}
