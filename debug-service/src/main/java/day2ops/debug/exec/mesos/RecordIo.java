package day2ops.debug.exec.mesos;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Mesos' RecordIO framing ({@code Content-Type: application/recordio}): each record is its length in
 * decimal ASCII, a newline, then exactly that many bytes — {@code 5\nhello}. Used both ways by the agent
 * v1 streaming calls.
 */
public final class RecordIo {

    private RecordIo() {
    }

    /** One record, framed. */
    public static byte[] encode(byte[] record) {
        byte[] prefix = (record.length + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] framed = new byte[prefix.length + record.length];
        System.arraycopy(prefix, 0, framed, 0, prefix.length);
        System.arraycopy(record, 0, framed, prefix.length, record.length);
        return framed;
    }

    /**
     * An incremental decoder: feed it bytes as they arrive, in any split, and it returns the records
     * completed so far. Not thread-safe.
     */
    public static final class Decoder {

        /** Longest length prefix accepted: 19 digits is beyond any record this service takes anyway. */
        private static final int MAX_PREFIX_DIGITS = 19;

        private final long maxRecordBytes;
        private long length = -1;
        private int digits;
        private ByteArrayOutputStream record;
        private boolean failed;

        /** @param maxRecordBytes larger records are an error rather than an allocation */
        public Decoder(long maxRecordBytes) {
            this.maxRecordBytes = maxRecordBytes;
        }

        /**
         * Consumes {@code data[offset, offset+count)}.
         *
         * @throws IOException when the stream is not RecordIO (a non-digit in a length prefix, an empty or
         *     over-long prefix, a record above the limit); the decoder is unusable afterwards
         */
        public List<byte[]> feed(byte[] data, int offset, int count) throws IOException {
            if (failed) {
                throw new IOException("RecordIO decoder already failed");
            }
            List<byte[]> records = new ArrayList<>();
            int i = offset;
            int end = offset + count;
            while (i < end) {
                if (record == null) {
                    byte b = data[i++];
                    if (b == '\n') {
                        if (digits == 0) {
                            throw fail("RecordIO: empty length prefix");
                        }
                        if (length > maxRecordBytes) {
                            throw fail("RecordIO: record of " + length + " bytes exceeds the limit of " + maxRecordBytes);
                        }
                        record = new ByteArrayOutputStream((int) Math.min(length, 1 << 16));
                        if (length == 0) {
                            records.add(finish());
                        }
                    } else if (b >= '0' && b <= '9') {
                        if (++digits > MAX_PREFIX_DIGITS) {
                            throw fail("RecordIO: length prefix longer than " + MAX_PREFIX_DIGITS + " digits");
                        }
                        length = (length < 0 ? 0 : length * 10) + (b - '0');
                    } else {
                        throw fail("RecordIO: unexpected byte 0x" + Integer.toHexString(b & 0xff) + " in a length prefix");
                    }
                } else {
                    int take = (int) Math.min(end - i, length - record.size());
                    record.write(data, i, take);
                    i += take;
                    if (record.size() == length) {
                        records.add(finish());
                    }
                }
            }
            return records;
        }

        /** Whether the input so far ended exactly at a record boundary. */
        public boolean atBoundary() {
            return record == null && digits == 0;
        }

        private byte[] finish() {
            byte[] complete = record.toByteArray();
            record = null;
            length = -1;
            digits = 0;
            return complete;
        }

        private IOException fail(String message) {
            failed = true;
            return new IOException(message);
        }
    }
}
