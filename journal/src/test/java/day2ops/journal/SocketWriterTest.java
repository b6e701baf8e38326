package day2ops.journal;

import day2ops.journal.testing.IsolatedJournald;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link JournalWriter#create(Path)}: the native protocol spoken to a namespace's socket, read back from that namespace. */
@ExtendWith(JournaldExtension.class)
class SocketWriterTest {

    @Test
    void entriesSentToANamespaceSocketComeBackWithEveryFieldUnchanged(IsolatedJournald journald) throws Exception {
        String run = UUID.randomUUID().toString();
        byte[] multiline = "line one\nline two\n\nend".getBytes(StandardCharsets.UTF_8);
        byte[] binary = {0, 1, (byte) 0xff, '\n', '=', 'x'};
        try (JournalWriter writer = JournalWriter.create(socketOf(journald))) {
            for (int i = 0; i < 3; i++) {
                writer.add("MESSAGE", "socket entry " + i).add("SOCKET_RUN", run).add("SEQ", Integer.toString(i))
                        .add("MULTILINE", multiline).add("BINARY", binary).add("EMPTY", "").send();
            }
        }
        try (Journal journal = Journal.openNamespace(journald.namespace())) {
            journal.addMatch("SOCKET_RUN", run);
            journal.seekHead();
            int read = 0;
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (read < 3 && System.nanoTime() < deadline) {
                if (!journal.next()) {
                    journal.await(java.time.Duration.ofMillis(200));
                    continue;
                }
                assertEquals("socket entry " + read, journal.get("MESSAGE").toString());
                assertEquals(Integer.toString(read), journal.get("SEQ").toString());
                assertArrayEquals(multiline, journal.get("MULTILINE").toByteArray());
                assertArrayEquals(binary, journal.get("BINARY").toByteArray());
                assertEquals("", journal.get("EMPTY").toString());
                read++;
            }
            assertEquals(3, read, "entries read back from namespace " + journald.namespace());
        }
    }

    @Test
    void aSocketNobodyListensOnFailsTheSendWithItsErrno() {
        try (JournalWriter writer = JournalWriter.create(Path.of("/run/day2ops-no-such-journald/socket"))) {
            JournalException e = assertThrows(JournalException.class, () -> writer.add("MESSAGE", "lost").send());
            assertEquals("sendmsg", e.function());
            assertEquals(2, e.errno(), e.getMessage());
            assertTrue(e.getMessage().contains("/run/day2ops-no-such-journald/socket"), e.getMessage());
        }
    }

    @Test
    void refusesASocketPathLongerThanSockaddrUnHolds() {
        assertThrows(IllegalArgumentException.class, () -> JournalWriter.create(Path.of("/" + "x".repeat(120))));
    }

    static Path socketOf(IsolatedJournald journald) {
        return Path.of("/run/systemd/journal." + journald.namespace(), "socket");
    }
}
