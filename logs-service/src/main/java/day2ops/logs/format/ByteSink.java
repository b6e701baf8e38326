package day2ops.logs.format;

import day2ops.journal.FieldValue;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer the encoders write into; reused per request, so steady-state encoding allocates nothing. */
public final class ByteSink {

    private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private byte[] bytes;
    private int size;

    public ByteSink(int initialCapacity) {
        bytes = new byte[Math.max(64, initialCapacity)];
    }

    public int size() {
        return size;
    }

    public byte[] array() {
        return bytes;
    }

    public void reset() {
        size = 0;
    }

    /** Drops everything after {@code newSize} (to undo a partly written entry). */
    public void truncate(int newSize) {
        size = newSize;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    public ByteSink put(byte b) {
        ensure(1);
        bytes[size++] = b;
        return this;
    }

    public ByteSink put(byte[] b) {
        return put(b, 0, b.length);
    }

    public ByteSink put(byte[] b, int offset, int length) {
        ensure(length);
        System.arraycopy(b, offset, bytes, size, length);
        size += length;
        return this;
    }

    /** Appends characters that are known to be ASCII (field names, cursors, numbers). */
    public ByteSink ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[size++] = (byte) s.charAt(i);
        }
        return this;
    }

    public ByteSink utf8(String s) {
        return put(s.getBytes(StandardCharsets.UTF_8));
    }

    public ByteSink value(FieldValue value) {
        int n = value.length();
        ensure(n);
        value.copyTo(bytes, size);
        size += n;
        return this;
    }

    public ByteSink decimal(long v) {
        if (v == Long.MIN_VALUE) {
            return ascii(Long.toString(v));
        }
        if (v < 0) {
            put((byte) '-');
            v = -v;
        }
        ensure(20);
        int start = size;
        do {
            bytes[size++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        for (int i = start, j = size - 1; i < j; i++, j--) {
            byte t = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = t;
        }
        return this;
    }

    /** Two-digit zero-padded decimal (dates). */
    public ByteSink twoDigits(int v) {
        ensure(2);
        bytes[size++] = (byte) ('0' + v / 10 % 10);
        bytes[size++] = (byte) ('0' + v % 10);
        return this;
    }

    /** Little-endian 64-bit (the export format's binary length prefix). */
    public ByteSink le64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            bytes[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    /** {@code \\u00XX} for a control byte. */
    ByteSink unicodeEscape(int b) {
        ensure(6);
        bytes[size++] = '\\';
        bytes[size++] = 'u';
        bytes[size++] = '0';
        bytes[size++] = '0';
        bytes[size++] = DIGITS[(b >> 4) & 0xf];
        bytes[size++] = DIGITS[b & 0xf];
        return this;
    }
}
