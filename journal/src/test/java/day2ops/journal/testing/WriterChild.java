package day2ops.journal.testing;

import day2ops.journal.JournalWriter;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Child process of {@link IsolatedJournald}: reads commands on stdin and writes entries with
 * {@link JournalWriter} (so through {@code sd_journal_sendv}). Commands:
 * {@code ENTRY} / {@code F NAME BASE64} / {@code END}, {@code ROUNDTRIP RUN FROM COUNT}, {@code BULK PREFIX COUNT}, {@code SYNC}
 * (answered with {@code OK} on stdout once everything before it was sent).
 */
public final class WriterChild {

    private WriterChild() {
    }

    public static void main(String[] args) throws Exception {
        JournalWriter writer = JournalWriter.create();
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.US_ASCII);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII), 1 << 16);
        Base64.Decoder base64 = Base64.getDecoder();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("ENTRY")) {
                writer.clear();
            } else if (line.startsWith("F ")) {
                int space = line.indexOf(' ', 2);
                writer.add(line.substring(2, space), base64.decode(line.substring(space + 1)));
            } else if (line.equals("END")) {
                writer.send();
            } else if (line.startsWith("BULK ")) {
                String[] parts = line.split(" ");
                int count = Integer.parseInt(parts[2]);
                for (int i = 0; i < count; i++) {
                    writer.clear();
                    writer.add("MESSAGE", parts[1] + " " + i);
                    writer.add("SYSLOG_IDENTIFIER", "bulk");
                    writer.add("PRIORITY", "6");
                    writer.add("BULK_RUN", parts[1]);
                    writer.send();
                }
            } else if (line.startsWith("ROUNDTRIP ")) {
                String[] parts = line.split(" ");
                int from = Integer.parseInt(parts[2]);
                int count = Integer.parseInt(parts[3]);
                for (int i = from; i < from + count; i++) {
                    RoundTripFixture.addTo(writer, parts[1], i);
                    writer.send();
                }
            } else if (line.equals("SYNC")) {
                out.println("OK");
            } else {
                throw new IllegalArgumentException("unknown command: " + line);
            }
        }
    }
}
