package day2ops.journal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
 * that created it. {@link #create()} writes to the default journald socket ({@code /run/systemd/journal/socket})
 * through libsystemd; libsystemd 252 has no namespace-aware send, so {@link #create(Path)} speaks journald's
 * native protocol itself to another socket, such as a namespace's {@code /run/systemd/journal.NS/socket}.
 */
public final class JournalWriter implements AutoCloseable {

    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int MSG_NOSIGNAL = 0x4000;
    /** {@code sizeof(((struct sockaddr_un) 0).sun_path)} on Linux. */
    private static final int SUN_PATH = 108;

    private final Native nat;
    private final Thread owner;
    private final Path socket;
    private Pointer socketAddress;
    private Pointer message;
    private int socketAddressLength;
    private int fd = -1;
    private byte[] datagram = new byte[0];
    private final Map<String, byte[]> encodedNames = new HashMap<>();
    private byte[] staging = new byte[4096];
    private int stagingUsed;
    private int[] fieldStarts = new int[16];
    private int fieldCount;
    private Pointer payload;
    private Pointer iovecs;

    private JournalWriter(Native nat, Path socket) {
        this.nat = nat;
        this.owner = Thread.currentThread();
        this.socket = socket;
        this.payload = nat.allocate(staging.length);
        this.iovecs = nat.allocate(fieldStarts.length * iovecSize());
    }

    /** A writer to the system journal, through {@code sd_journal_sendv}. */
    public static JournalWriter create() {
        return new JournalWriter(Native.get(), null);
    }

    /**
     * A writer that sends each entry as one datagram in journald's native protocol to {@code socket}
     * (e.g. {@code /run/systemd/journal.audit/socket} of the journal namespace {@code audit}). Entries must
     * fit one datagram (journald accepts up to its receive buffer, several MiB; a larger one fails with
     * {@code EMSGSIZE}); values containing a newline use the protocol's length-prefixed form.
     *
     * @throws IllegalArgumentException when the path does not fit a {@code sockaddr_un}
     */
    public static JournalWriter create(Path socket) {
        byte[] path = socket.toString().getBytes(StandardCharsets.UTF_8);
        if (path.length >= SUN_PATH) {
            throw new IllegalArgumentException("journald socket path longer than " + (SUN_PATH - 1) + " bytes: " + socket);
        }
        JournalWriter writer = new JournalWriter(Native.get(), socket);
        writer.socketAddressLength = 2 + path.length + 1;
        writer.socketAddress = writer.nat.allocate(2 + SUN_PATH);
        writer.socketAddress.putShort(0, (short) AF_UNIX);
        writer.socketAddress.put(2, path, 0, path.length);
        writer.socketAddress.putByte(2 + path.length, (byte) 0);
        // msghdr: four pointers, two size_t, one int; zeroed, so no control data and no flags.
        writer.message = writer.nat.allocate(4 * writer.nat.addressBytes + 2 * writer.nat.sizeTBytes + 8);
        return writer;
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
            if (socket != null) {
                sendDatagram();
                return;
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

    /**
     * Native protocol: {@code NAME=value\n}, or {@code NAME\n}, the value's length as little-endian
     * 64-bit integer, the value, {@code \n} when the value holds a newline.
     */
    private void sendDatagram() {
        int size = 0;
        for (int i = 0; i < fieldCount; i++) {
            size += fieldEnd(i) - fieldStarts[i] + 1 + 8;
        }
        if (datagram.length < size) {
            datagram = new byte[Math.max(size, datagram.length * 2)];
        }
        ByteBuffer out = ByteBuffer.wrap(datagram).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < fieldCount; i++) {
            int start = fieldStarts[i];
            int end = fieldEnd(i);
            int equals = start;
            while (staging[equals] != '=') {
                equals++;
            }
            boolean multiline = false;
            for (int b = equals + 1; b < end && !multiline; b++) {
                multiline = staging[b] == '\n';
            }
            if (multiline) {
                out.put(staging, start, equals - start).put((byte) '\n').putLong(end - equals - 1)
                        .put(staging, equals + 1, end - equals - 1);
            } else {
                out.put(staging, start, end - start);
            }
            out.put((byte) '\n');
        }
        int length = out.position();
        if (payload.size() < length) {
            payload = nat.allocate(Math.max(length, (int) payload.size() * 2));
        }
        payload.put(0, datagram, 0, length);
        if (fd < 0) {
            fd = nat.sockets.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw nat.exception("socket", nat.socketErrno());
            }
        }
        // struct iovec { base, length } and struct msghdr { name, namelen, iov, iovlen, control, controllen, flags }
        int a = nat.addressBytes;
        int z = nat.sizeTBytes;
        iovecs.putAddress(0, payload.address());
        nat.writeSizeT(iovecs, a, length);
        message.putAddress(0, socketAddress.address());
        message.putInt(a, socketAddressLength);
        message.putAddress(2L * a, iovecs.address());
        nat.writeSizeT(message, 3L * a, 1);
        if (nat.sockets.sendmsg(fd, message.address(), MSG_NOSIGNAL) < 0) {
            int errno = nat.socketErrno();
            throw new JournalException("sendmsg", errno, nat.libc.strerror(errno) + " (" + socket + ")");
        }
    }

    private int fieldEnd(int field) {
        return field + 1 < fieldCount ? fieldStarts[field + 1] : stagingUsed;
    }

    /** Closes the socket of a {@link #create(Path)} writer; a later {@link #send()} opens a new one. */
    @Override
    public void close() {
        confined();
        if (fd >= 0) {
            nat.sockets.close(fd);
            fd = -1;
        }
    }

    /** Drops the fields added since the last send. */
    public void clear() {
        confined();
        stagingUsed = 0;
        fieldCount = 0;
    }
}
