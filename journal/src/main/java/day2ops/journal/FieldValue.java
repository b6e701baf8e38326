package day2ops.journal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A field value of the current entry, as bytes. Values are binary-safe: journald stores arbitrary bytes,
 * so nothing is decoded until asked ({@link #asString()} decodes UTF-8 on demand).
 *
 * <p>A {@code FieldValue} is a reusable view owned by its {@link Journal}: it stays valid until the
 * journal moves (next, previous, skip, seek) or closes, after which any access throws
 * {@link IllegalStateException}. Copy ({@link #toByteArray()}, {@link #asString()}) what must outlive that.
 */
public final class FieldValue {

    private final Moves moves;
    private byte[] bytes;
    private int offset;
    private int length;
    private long position;

    FieldValue(Moves moves) {
        this.moves = moves;
    }

    void point(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        this.position = moves.count;
    }

    private void checkCurrent() {
        if (position != moves.count) {
            throw new IllegalStateException("field value read after the journal moved; copy it before next()/seek");
        }
    }

    public int length() {
        checkCurrent();
        return length;
    }

    public byte byteAt(int index) {
        checkCurrent();
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException("index " + index + ", length " + length);
        }
        return bytes[offset + index];
    }

    public byte[] toByteArray() {
        checkCurrent();
        return Arrays.copyOfRange(bytes, offset, offset + length);
    }

    public void copyTo(byte[] target, int targetOffset) {
        checkCurrent();
        System.arraycopy(bytes, offset, target, targetOffset, length);
    }

    public void writeTo(OutputStream out) throws IOException {
        checkCurrent();
        out.write(bytes, offset, length);
    }

    /** A read-only buffer over the same bytes; valid as long as this view. */
    public ByteBuffer asByteBuffer() {
        checkCurrent();
        return ByteBuffer.wrap(bytes, offset, length).slice().asReadOnlyBuffer();
    }

    /** Decodes UTF-8; malformed sequences become U+FFFD. Use {@link #isUtf8()} to tell binary values apart. */
    public String asString() {
        checkCurrent();
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    public boolean isUtf8() {
        checkCurrent();
        for (int i = offset, end = offset + length; i < end; i++) {
            if (bytes[i] < 0) {
                try {
                    StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes, offset, length));
                    return true;
                } catch (CharacterCodingException e) {
                    return false;
                }
            }
        }
        return true;
    }

    public boolean contentEquals(byte[] other) {
        checkCurrent();
        return Arrays.equals(bytes, offset, offset + length, other, 0, other.length);
    }

    /** Compares with the UTF-8 encoding of {@code other}, without decoding this value. */
    public boolean contentEquals(String other) {
        return contentEquals(other.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return asString();
    }

    void repoint(byte[] from, byte[] to) {
        if (bytes == from) {
            bytes = to;
        }
    }

    /** Counts a journal's moves; a view is current only while the count it was filled at holds. */
    static final class Moves {
        long count;
    }
}
