package day2ops.logs.format;

import day2ops.journal.FieldValue;
import day2ops.journal.JournalEntry;

/**
 * JSON encoding of journal data the way journalctl does it: printable UTF-8 values as strings,
 * anything else (invalid UTF-8, control characters other than tab and newline) as an array of
 * byte values; a field that occurs more than once in an entry becomes an array of its values.
 */
final class Json {

    private final ByteSink scratch = new ByteSink(1024);

    /** Writes {@code "name":value} for every distinct field name, in entry order; skips {@code skip} if non-null. */
    void fields(JournalEntry entry, ByteSink out, String skip, boolean firstMember) {
        int n = entry.size();
        boolean first = firstMember;
        for (int i = 0; i < n; i++) {
            String name = entry.name(i);
            if (name.equals(skip) || seenBefore(entry, i, name)) {
                continue;
            }
            int count = 1;
            for (int k = i + 1; k < n; k++) {
                if (entry.name(k).equals(name)) {
                    count++;
                }
            }
            if (!first) {
                out.put((byte) ',');
            }
            first = false;
            string(out, name);
            out.put((byte) ':');
            if (count == 1) {
                value(out, entry.value(i));
            } else {
                out.put((byte) '[');
                boolean firstValue = true;
                for (int k = i; k < n; k++) {
                    if (entry.name(k).equals(name)) {
                        if (!firstValue) {
                            out.put((byte) ',');
                        }
                        firstValue = false;
                        value(out, entry.value(k));
                    }
                }
                out.put((byte) ']');
            }
        }
    }

    private static boolean seenBefore(JournalEntry entry, int index, String name) {
        for (int k = 0; k < index; k++) {
            if (entry.name(k).equals(name)) {
                return true;
            }
        }
        return false;
    }

    void value(ByteSink out, FieldValue value) {
        scratch.reset();
        scratch.value(value);
        bytesValue(out, scratch.array(), 0, scratch.size());
    }

    static void bytesValue(ByteSink out, byte[] b, int offset, int length) {
        if (Utf8.printable(b, offset, length, true)) {
            escaped(out, b, offset, length);
        } else {
            out.put((byte) '[');
            for (int i = 0; i < length; i++) {
                if (i > 0) {
                    out.put((byte) ',');
                }
                out.decimal(b[offset + i] & 0xff);
            }
            out.put((byte) ']');
        }
    }

    /** A JSON string of (already validated) UTF-8 bytes. */
    static void escaped(ByteSink out, byte[] b, int offset, int length) {
        out.ensure(length + 2);
        out.put((byte) '"');
        for (int i = offset, end = offset + length; i < end; i++) {
            byte c = b[i];
            switch (c) {
                case '"' -> out.put((byte) '\\').put((byte) '"');
                case '\\' -> out.put((byte) '\\').put((byte) '\\');
                case '\n' -> out.put((byte) '\\').put((byte) 'n');
                case '\t' -> out.put((byte) '\\').put((byte) 't');
                case '\r' -> out.put((byte) '\\').put((byte) 'r');
                case '\b' -> out.put((byte) '\\').put((byte) 'b');
                case '\f' -> out.put((byte) '\\').put((byte) 'f');
                default -> {
                    if (c >= 0 && c < 0x20) {
                        out.unicodeEscape(c);
                    } else {
                        out.put(c);
                    }
                }
            }
        }
        out.put((byte) '"');
    }

    /** A JSON string of ASCII/UTF-8 Java text (names, cursors). */
    static void string(ByteSink out, String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        escaped(out, b, 0, b.length);
    }
}
