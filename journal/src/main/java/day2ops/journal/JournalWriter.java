package day2ops.journal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import jnr.ffi.Pointer;

/**
 * Writes entries to journald with {@code sd_journal_sendv}: any number of fields, values binary-safe
 * (libsystemd switches to the length-prefixed wire form for values containing newlines).
 *
 * <pre>{@code
 * JournalWriter writer = JournalWriter.create();
 * writer.add("MESSAGE", "user alice read /logs").add("AUDIT_DECISION", "allow").send();
 * }</pre>
 *
 * <p>A writer reuses its buffers between entries and, like {@link Journal}, is confined to the thread
 * that created it. It writes to the default journald socket ({@code /run/systemd/journal/socket}):
 * libsystemd 252 has no namespace-aware send.
 */
public final class JournalWriter {

    private final Native nat;
    private final Thread owner;
    private final Map<String, byte[]> encodedNames = new HashMap<>();
    private byte[] staging = new byte[4096];
    private int stagingUsed;
    private int[] fieldStarts = new int[16];
    private int fieldCount;
    private Pointer payload;
    private Pointer iovecs;

    private JournalWriter(Native nat) {
        this.nat = nat;
        this.owner = Thread.currentThread();
        this.payload = nat.allocate(staging.length);
        this.iovecs = nat.allocate(fieldStarts.length * iovecSize());
    }

    public static JournalWriter create() {
        return new JournalWriter(Native.get());
    }

    private int iovecSize() {
        return nat.addressBytes + nat.sizeTBytes;
    }

    private void confined() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("journal writer is confined to thread '" + owner.getName()
                    + "' but was used from '" + Thread.currentThread().getName() + "'");
        }
    }

    public JournalWriter add(String name, String value) {
        return add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    public JournalWriter add(String name, byte[] value) {
        return add(name, value, 0, value.length);
    }

    /**
     * Adds {@code NAME=value}. Names follow journald's rules ({@link FieldName}) and must not start with
     * {@code _}: journald reserves those for fields it adds itself and would drop them.
     */
    public JournalWriter add(String name, byte[] value, int offset, int length) {
        confined();
        byte[] prefix = encodedNames.get(name);
        if (prefix == null) {
            prefix = encodeName(name);
            encodedNames.put(name, prefix);
        }
        java.util.Objects.checkFromIndexSize(offset, length, value.length);
        int needed = stagingUsed + prefix.length + length;
        if (needed > staging.length) {
            staging = Arrays.copyOf(staging, Math.max(needed, staging.length * 2));
        }
        if (fieldCount == fieldStarts.length) {
            fieldStarts = Arrays.copyOf(fieldStarts, fieldCount * 2);
        }
        fieldStarts[fieldCount++] = stagingUsed;
        System.arraycopy(prefix, 0, staging, stagingUsed, prefix.length);
        System.arraycopy(value, offset, staging, stagingUsed + prefix.length, length);
        stagingUsed = needed;
        return this;
    }

    private static byte[] encodeName(String name) {
        String problem = FieldName.problem(name);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (name.charAt(0) == '_') {
            throw new IllegalArgumentException("fields starting with '_' are set by journald, not by clients: " + name);
        }
        byte[] prefix = Arrays.copyOf(name.getBytes(StandardCharsets.US_ASCII), name.length() + 1);
        prefix[name.length()] = '=';
        return prefix;
    }

    /** Sends the fields added since the last send as one entry, then starts a new one. */
    public void send() {
        confined();
        if (fieldCount == 0) {
            throw new IllegalStateException("no fields added");
        }
        try {
            if (payload.size() < stagingUsed) {
                payload = nat.allocate(Math.max(stagingUsed, (int) payload.size() * 2));
            }
            if (iovecs.size() < (long) fieldCount * iovecSize()) {
                iovecs = nat.allocate(fieldStarts.length * iovecSize());
            }
            payload.put(0, staging, 0, stagingUsed);
            long base = payload.address();
            int stride = iovecSize();
            for (int i = 0; i < fieldCount; i++) {
                int start = fieldStarts[i];
                int end = i + 1 < fieldCount ? fieldStarts[i + 1] : stagingUsed;
                iovecs.putAddress((long) i * stride, base + start);
                nat.writeSizeT(iovecs, (long) i * stride + nat.addressBytes, end - start);
            }
            nat.check(nat.sd.sd_journal_sendv(iovecs.address(), fieldCount), "sd_journal_sendv");
        } finally {
            clear();
        }
    }

    /** Drops the fields added since the last send. */
    public void clear() {
        confined();
        stagingUsed = 0;
        fieldCount = 0;
    }
}
