package day2ops.diagnostics.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Removes secrets from collected text, line by line. Each configured pattern's match is replaced by
 * {@value #MASK} — only its group named {@code secret} when it has one, so {@code password=hunter2} becomes
 * {@code password=[REDACTED]}. PEM private key blocks are always replaced whole, also when they span lines.
 */
public final class Redactor {

    public static final String MASK = "[REDACTED]";
    static final String KEY_MASK = "[REDACTED private key]";
    /** Longest piece of a line handled at once: a file without newlines must not be read whole into memory. */
    static final int MAX_LINE_CHARS = 64 * 1024;

    private static final Pattern INLINE_KEY = Pattern.compile(
            "-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----.*?-----END [A-Z0-9 ]*PRIVATE KEY-----");
    private static final Pattern KEY_BEGIN = Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----");
    private static final Pattern KEY_END = Pattern.compile("-----END [A-Z0-9 ]*PRIVATE KEY-----");

    private final List<Pattern> patterns = new ArrayList<>();
    private final List<Boolean> secretGroup = new ArrayList<>();

    /** Compiles {@code regexes}; an invalid one fails with a message naming it. */
    public Redactor(List<String> regexes) {
        for (String regex : regexes) {
            if (regex.isBlank()) {
                continue;
            }
            Pattern pattern;
            try {
                pattern = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("diagnostics.bundles.redact pattern '" + regex + "' is invalid: "
                        + e.getDescription());
            }
            patterns.add(pattern);
            secretGroup.add(regex.contains("(?<secret>"));
        }
    }

    /** {@code line} (no line breaks) with every configured pattern's secret replaced. */
    public String redact(String line) {
        String result = INLINE_KEY.matcher(line).replaceAll(KEY_MASK);
        for (int i = 0; i < patterns.size(); i++) {
            result = secretGroup.get(i) ? maskSecretGroup(patterns.get(i), result)
                    : patterns.get(i).matcher(result).replaceAll(MASK);
        }
        return result;
    }

    private static String maskSecretGroup(Pattern pattern, String line) {
        Matcher m = pattern.matcher(line);
        StringBuilder out = null;
        int copied = 0;
        while (m.find()) {
            if (m.start("secret") < 0) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(line.length());
            }
            out.append(line, copied, m.start("secret")).append(MASK);
            copied = m.end("secret");
        }
        return out == null ? line : out.append(line, copied, line.length()).toString();
    }

    /** A writer of redacted text into {@code out} (UTF-8), for one entry: it tracks multi-line key blocks. */
    public Text text(OutputStream out) {
        return new Text(out);
    }

    /** Redacted text of one entry. */
    public final class Text {

        private final OutputStream out;
        private boolean inKeyBlock;

        Text(OutputStream out) {
            this.out = out;
        }

        /** Writes {@code text} as one or more lines (split at its line breaks), each followed by a newline. */
        public void line(String text) throws IOException {
            int start = 0;
            while (true) {
                int newline = text.indexOf('\n', start);
                if (newline < 0) {
                    piece(text.substring(start), true);
                    return;
                }
                piece(text.substring(start, newline), true);
                start = newline + 1;
            }
        }

        /** Copies {@code in} (UTF-8 text) line by line; never holds more than {@link #MAX_LINE_CHARS} of it. */
        public void copy(InputStream in) throws IOException {
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
            char[] buffer = new char[8192];
            StringBuilder pending = new StringBuilder();
            boolean midLine = false;
            int n;
            while ((n = reader.read(buffer)) >= 0) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        pending.append(buffer, start, i - start);
                        piece(stripCr(pending), true);
                        pending.setLength(0);
                        midLine = false;
                        start = i + 1;
                    }
                }
                pending.append(buffer, start, n - start);
                if (pending.length() >= MAX_LINE_CHARS) {
                    piece(pending.toString(), false);
                    pending.setLength(0);
                    midLine = true;
                }
            }
            if (pending.length() > 0 || midLine) {
                piece(stripCr(pending), true);
            }
        }

        private String stripCr(StringBuilder line) {
            int end = line.length();
            return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
        }

        private void piece(String text, boolean endOfLine) throws IOException {
            String result;
            if (inKeyBlock) {
                Matcher end = KEY_END.matcher(text);
                if (!end.find()) {
                    return;
                }
                inKeyBlock = false;
                result = redact(text.substring(end.end()));
                if (result.isBlank()) {
                    return;
                }
            } else {
                result = redact(text);
                Matcher begin = KEY_BEGIN.matcher(result);
                if (begin.find()) {
                    inKeyBlock = true;
                    result = result.substring(0, begin.start()) + KEY_MASK;
                }
            }
            out.write(result.getBytes(StandardCharsets.UTF_8));
            if (endOfLine) {
                out.write('\n');
            }
        }
    }
}
