package day2ops.diagnostics.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private final Redactor redactor = new Redactor(List.of(
            "(?i)password\\s*[:=]\\s*(?<secret>\\S+)",
            "eyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*"));

    private String copy(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        redactor.text(out).copy(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void secretGroupIsMaskedAndTheRestOfTheLineKept() {
        assertEquals("user=a password=[REDACTED] port=5", redactor.redact("user=a password=hunter2 port=5"));
        assertEquals("PASSWORD: [REDACTED] and Password=[REDACTED]", redactor.redact("PASSWORD: x1 and Password=x2"));
    }

    @Test
    void patternWithoutSecretGroupIsMaskedWhole() {
        assertEquals("bearer [REDACTED] end", redactor.redact("bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig-_x end"));
    }

    @Test
    void privateKeyBlocksAreReplacedAcrossLinesAndInline() throws IOException {
        assertEquals("before\n[REDACTED private key]\nafter\n", copy(
                "before\n-----BEGIN EC PRIVATE KEY-----\nAAAA\nBBBB\n-----END EC PRIVATE KEY-----\nafter\n"));
        assertEquals("{\"key\":\"[REDACTED private key]\"}\n", copy(
                "{\"key\":\"-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----\"}"));
        assertEquals("a public key stays: -----BEGIN PUBLIC KEY-----\n",
                copy("a public key stays: -----BEGIN PUBLIC KEY-----\n"));
    }

    @Test
    void crlfLinesAndAMissingFinalNewlineAreNormalised() throws IOException {
        assertEquals("a\nb password=[REDACTED]\n", copy("a\r\nb password=x"));
    }

    @Test
    void aFileWithoutNewlinesIsStreamedInBoundedPieces() throws IOException {
        long size = 50L * 1024 * 1024;
        InputStream endless = new InputStream() {
            long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
        long[] written = {0};
        int[] largestWrite = {0};
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                written[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                written[0] += len;
                largestWrite[0] = Math.max(largestWrite[0], len);
            }
        };
        redactor.text(counting).copy(endless);
        assertEquals(size + 1, written[0]);
        assertTrue(largestWrite[0] <= Redactor.MAX_LINE_CHARS + 8192, "largest piece " + largestWrite[0]);
    }

    @Test
    void anInvalidPatternIsRejectedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Redactor(List.of("([unclosed")));
        assertTrue(e.getMessage().startsWith("diagnostics.bundles.redact pattern '([unclosed' is invalid"), e.getMessage());
    }
}
