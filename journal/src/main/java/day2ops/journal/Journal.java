package day2ops.journal;

import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jnr.ffi.Pointer;

/**
 * A read handle on the systemd journal ({@code sd_journal}), bound to {@code libsystemd.so.0}.
 *
 * <p><b>Thread confinement.</b> libsystemd's handles are not thread-safe. A {@code Journal} belongs to
 * the thread that opened it; every method called from another thread throws
 * {@link IllegalStateException}. The owner may pass it on explicitly with {@link #handOffTo(Thread)};
 * the receiving thread must obtain the reference through a happens-before edge (an executor submit, a
 * queue), as for any hand-off.
 *
 * <p><b>Reading.</b> Position with a seek, then {@link #next()}/{@link #previous()}; read the current
 * entry with {@link #entry()} (all fields) or {@link #get(FieldName)} (one field). Returned views are
 * reused and valid until the next move; they throw if used after it.
 *
 * <p><b>Closing.</b> Always close (try-with-resources), on the owner thread. Nothing closes a forgotten
 * handle behind your back: doing that from a GC thread could race a libsystemd call in progress.
 *
 * <p>Every negative libsystemd result becomes a {@link JournalException} naming the function and errno.
 * Field data is never truncated: the data threshold is set to unlimited on open (see
 * {@link #setDataThreshold(long)}).
 */
public final class Journal implements AutoCloseable {

    private static final int ENOENT = 2;
    private static final int EINTR = 4;
    /** {@code (uint64_t) -1}: wait without timeout. */
    private static final long WAIT_FOREVER = -1L;

    private final Native nat;
    private final Native.Libsystemd sd;
    private final Handle handle;
    private volatile Thread owner;

    private final Pointer dataOut;
    private final Pointer lengthOut;
    private final Pointer u64Out;
    private final Pointer bootIdOut;
    private final Pointer stringOut;
    private Pointer matchBuffer;

    private final FieldValue.Moves moves = new FieldValue.Moves();
    private final FieldNames fieldNames = new FieldNames();
    private final JournalEntry entry = new JournalEntry(moves);
    private final Map<String, FieldName> namesByString = new HashMap<>();
    private final Map<FieldName, FieldValue> lookups = new IdentityHashMap<>();
    private byte[] lookupArena = new byte[4096];
    private int lookupUsed;
    private long lookupsAt = -1;

    private Journal(Native nat, long journalAddress) {
        this.nat = nat;
        this.sd = nat.sd;
        this.handle = new Handle(sd, journalAddress);
        this.owner = Thread.currentThread();
        this.dataOut = nat.allocate(nat.addressBytes);
        this.lengthOut = nat.allocate(nat.sizeTBytes);
        this.u64Out = nat.allocate(8);
        this.bootIdOut = nat.allocate(16);
        this.stringOut = nat.allocate(nat.addressBytes);
        this.matchBuffer = nat.allocate(256);
        // Unlimited: the default (64 KiB) silently truncates large values, which would break binary fields.
        nat.check(sd.sd_journal_set_data_threshold(journalAddress, 0), "sd_journal_set_data_threshold");
    }

    /**
     * The native handle. Deliberately not closed by a GC cleaner: a cleaner thread could close it while
     * the owner is still inside a libsystemd call, so an unclosed {@code Journal} leaks its handle (files
     * and mappings) until the process exits. Use try-with-resources.
     */
    private static final class Handle {
        private final Native.Libsystemd sd;
        /** The {@code sd_journal *}; 0 once closed. */
        private volatile long address;

        Handle(Native.Libsystemd sd, long address) {
            this.sd = sd;
            this.address = address;
        }

        void close() {
            long a = address;
            address = 0;
            if (a != 0) {
                sd.sd_journal_close(a);
            }
        }
    }

    // ---- opening --------------------------------------------------------------------------------

    /** The local machine's journal ({@code sd_journal_open}); with no flags, system and user journals. */
    public static Journal openLocal(OpenFlag... flags) {
        Native nat = Native.get();
        Pointer out = nat.allocate(nat.addressBytes);
        nat.check(nat.sd.sd_journal_open(out.address(), OpenFlag.mask(flags)), "sd_journal_open");
        return new Journal(nat, out.getAddress(0));
    }

    /**
     * A journal namespace ({@code sd_journal_open_namespace}), as written by
     * {@code systemd-journald@NAMESPACE}. {@code null} means the default namespace; combine with
     * {@link OpenFlag#INCLUDE_DEFAULT_NAMESPACE} or {@link OpenFlag#ALL_NAMESPACES} as needed.
     */
    public static Journal openNamespace(String namespace, OpenFlag... flags) {
        Native nat = Native.get();
        Pointer out = nat.allocate(nat.addressBytes);
        nat.check(nat.sd.sd_journal_open_namespace(out.address(), namespace, OpenFlag.mask(flags)), "sd_journal_open_namespace");
        return new Journal(nat, out.getAddress(0));
    }

    /** Every journal file in {@code directory} ({@code sd_journal_open_directory}). */
    public static Journal openDirectory(Path directory, OpenFlag... flags) {
        Native nat = Native.get();
        Pointer out = nat.allocate(nat.addressBytes);
        nat.check(nat.sd.sd_journal_open_directory(out.address(), directory.toString(), OpenFlag.mask(flags)),
                "sd_journal_open_directory");
        return new Journal(nat, out.getAddress(0));
    }

    /** Exactly these journal files ({@code sd_journal_open_files}), interleaved by time. */
    public static Journal openFiles(Collection<Path> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no journal files given");
        }
        Native nat = Native.get();
        List<Pointer> keepAlive = new ArrayList<>(files.size());
        Pointer array = nat.allocate((files.size() + 1) * nat.addressBytes);
        int i = 0;
        for (Path file : files) {
            byte[] bytes = file.toString().getBytes(StandardCharsets.UTF_8);
            Pointer path = nat.allocate(bytes.length + 1);
            path.put(0, bytes, 0, bytes.length);
            keepAlive.add(path);
            array.putPointer((long) i++ * nat.addressBytes, path);
        }
        array.putAddress((long) i * nat.addressBytes, 0L);
        Pointer out = nat.allocate(nat.addressBytes);
        int result = nat.sd.sd_journal_open_files(out.address(), array.address(), 0);
        // Only addresses went to C: keep the memory behind them alive until the call has returned.
        Reference.reachabilityFence(array);
        Reference.reachabilityFence(keepAlive);
        nat.check(result, "sd_journal_open_files");
        return new Journal(nat, out.getAddress(0));
    }

    // ---- confinement ----------------------------------------------------------------------------

    private long use() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("journal handle is confined to thread '" + owner.getName()
                    + "' but was used from '" + Thread.currentThread().getName() + "'; hand it off with handOffTo()");
        }
        long address = handle.address;
        if (address == 0) {
            throw new IllegalStateException("journal is closed");
        }
        return address;
    }

    /** Gives this handle to {@code next}; from now on only that thread may use it. Owner only. */
    public void handOffTo(Thread next) {
        use();
        owner = Objects.requireNonNull(next, "thread");
    }

    private void moved() {
        moves.count++;
    }

    // ---- matches --------------------------------------------------------------------------------

    /** Adds {@code FIELD=value}. Same field ORs, different fields AND, within one conjunction term. */
    public void addMatch(String field, String value) {
        addMatch(field, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds {@code FIELD=value} with a binary value. */
    public void addMatch(String field, byte[] value) {
        long j = use();
        String problem = FieldName.problem(field);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        int length = field.length() + 1 + value.length;
        if (matchBuffer.size() < length) {
            matchBuffer = nat.allocate(Math.max(length, (int) matchBuffer.size() * 2));
        }
        for (int i = 0; i < field.length(); i++) {
            matchBuffer.putByte(i, (byte) field.charAt(i));
        }
        matchBuffer.putByte(field.length(), (byte) '=');
        matchBuffer.put(field.length() + 1, value, 0, value.length);
        int result = sd.sd_journal_add_match(j, matchBuffer.address(), length);
        Reference.reachabilityFence(matchBuffer);
        nat.check(result, "sd_journal_add_match");
    }

    /** Ends the current group of matches; the next matches are ORed with everything before. */
    public void addDisjunction() {
        nat.check(sd.sd_journal_add_disjunction(use()), "sd_journal_add_disjunction");
    }

    /** Ends the current group of matches; the next matches are ANDed with everything before. */
    public void addConjunction() {
        nat.check(sd.sd_journal_add_conjunction(use()), "sd_journal_add_conjunction");
    }

    public void flushMatches() {
        sd.sd_journal_flush_matches(use());
    }

    // ---- positioning ----------------------------------------------------------------------------

    /** Moves to the next entry; {@code false} at the end (the position then stays on the last entry). */
    public boolean next() {
        long j = use();
        moved();
        return nat.check(sd.sd_journal_next(j), "sd_journal_next") > 0;
    }

    public boolean previous() {
        long j = use();
        moved();
        return nat.check(sd.sd_journal_previous(j), "sd_journal_previous") > 0;
    }

    /** Advances up to {@code count} entries; returns how many it actually advanced. */
    public int skipNext(long count) {
        long j = use();
        requirePositive(count);
        moved();
        return nat.check(sd.sd_journal_next_skip(j, count), "sd_journal_next_skip");
    }

    /** Goes back up to {@code count} entries; returns how many it actually went back. */
    public int skipPrevious(long count) {
        long j = use();
        requirePositive(count);
        moved();
        return nat.check(sd.sd_journal_previous_skip(j, count), "sd_journal_previous_skip");
    }

    private static void requirePositive(long count) {
        if (count <= 0) {
            throw new IllegalArgumentException("skip count must be positive: " + count);
        }
    }

    /** Before the first entry: {@link #next()} then reads the first. */
    public void seekHead() {
        long j = use();
        moved();
        nat.check(sd.sd_journal_seek_head(j), "sd_journal_seek_head");
    }

    /** After the last entry: {@link #previous()} then reads the last, {@link #next()} waits for new ones. */
    public void seekTail() {
        long j = use();
        moved();
        nat.check(sd.sd_journal_seek_tail(j), "sd_journal_seek_tail");
    }

    /**
     * Positions so that {@link #next()} returns exactly the matching entries appended from now on: the
     * starting point of a follow. A bare {@link #seekTail()} is not that: a {@code seekTail()} + {@code next()}
     * follower on systemd 252.39 saw 1 of 100 new matching entries (systemd#25369, #9934), so this
     * anchors on the last matching entry ({@code sd_journal_previous}) or, when nothing matches yet, on
     * the head.
     */
    public void seekTailForFollow() {
        seekTail();
        if (!previous()) {
            seekHead();
        }
    }

    /**
     * Seeks to {@code cursor}: the next {@link #next()} lands on that entry (or the closest one if it is
     * gone). To resume strictly after it, call {@link #next()} and skip the entry if
     * {@link #testCursor(String)} is {@code true}.
     */
    public void seekCursor(String cursor) {
        long j = use();
        moved();
        nat.check(sd.sd_journal_seek_cursor(j, cursor), "sd_journal_seek_cursor");
    }

    /**
     * Positions so that {@link #next()} returns the first entry strictly after {@code cursor} — the
     * resume point of a reader that delivered the cursor's entry. If that entry is gone (vacuumed),
     * {@code next()} returns the closest following one instead of skipping it.
     */
    public void seekAfterCursor(String cursor) {
        seekCursor(cursor);
        if (next() && !testCursor(cursor)) {
            previous();
        }
    }

    public void seekRealtime(Instant time) {
        seekRealtimeMicros(TimeUnit.SECONDS.toMicros(time.getEpochSecond()) + time.getNano() / 1000);
    }

    public void seekRealtimeMicros(long microsSinceEpoch) {
        long j = use();
        moved();
        nat.check(sd.sd_journal_seek_realtime_usec(j, microsSinceEpoch), "sd_journal_seek_realtime_usec");
    }

    // ---- current entry --------------------------------------------------------------------------

    public String cursor() {
        long j = use();
        nat.check(sd.sd_journal_get_cursor(j, stringOut.address()), "sd_journal_get_cursor");
        long address = stringOut.getAddress(0);
        try {
            return nat.memory.getString(address);
        } finally {
            nat.libc.free(address);
        }
    }

    /** Whether the current entry is the one {@code cursor} names. */
    public boolean testCursor(String cursor) {
        return nat.check(sd.sd_journal_test_cursor(use(), cursor), "sd_journal_test_cursor") > 0;
    }

    public long realtimeMicros() {
        nat.check(sd.sd_journal_get_realtime_usec(use(), u64Out.address()), "sd_journal_get_realtime_usec");
        return u64Out.getLong(0);
    }

    public Instant realtime() {
        long micros = realtimeMicros();
        return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
    }

    /** Monotonic time of the current entry, relative to its boot ({@link #bootId()}). */
    public long monotonicMicros() {
        nat.check(sd.sd_journal_get_monotonic_usec(use(), u64Out.address(), bootIdOut.address()), "sd_journal_get_monotonic_usec");
        return u64Out.getLong(0);
    }

    /** The boot id of the current entry, 32 lowercase hex digits. */
    public String bootId() {
        nat.check(sd.sd_journal_get_monotonic_usec(use(), u64Out.address(), bootIdOut.address()), "sd_journal_get_monotonic_usec");
        StringBuilder hex = new StringBuilder(32);
        for (int i = 0; i < 16; i++) {
            int b = bootIdOut.getByte(i) & 0xff;
            hex.append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return hex.toString();
    }

    /** All fields of the current entry; the returned view is reused and valid until the next move. */
    public JournalEntry entry() {
        long j = use();
        if (entry.isLoaded()) {
            return entry;
        }
        entry.reset();
        sd.sd_journal_restart_data(j);
        int used = 0;
        while (true) {
            int result = sd.sd_journal_enumerate_data(j, dataOut.address(), lengthOut.address());
            if (result == 0) {
                break;
            }
            nat.check(result, "sd_journal_enumerate_data");
            long address = dataOut.getAddress(0);
            int length = toIntLength(nat.readSizeT(lengthOut));
            byte[] arena = entry.reserve(used, length);
            nat.copy(address, arena, used, length);
            int equals = indexOfEquals(arena, used, length);
            if (equals < 0) {
                throw new JournalException("sd_journal_enumerate_data", 0, "field without '=' in journal data");
            }
            entry.add(fieldNames.intern(arena, used, equals - used), equals + 1, used + length - equals - 1);
            used += length;
        }
        entry.loaded();
        return entry;
    }

    /** The first value of {@code field} in the current entry, or {@code null} if absent. */
    public FieldValue get(FieldName field) {
        long j = use();
        if (lookupsAt != moves.count) {
            lookupsAt = moves.count;
            lookupUsed = 0;
        }
        int result = sd.sd_journal_get_data(j, field.nativeName(nat).address(), dataOut.address(), lengthOut.address());
        if (result == -ENOENT) {
            return null;
        }
        nat.check(result, "sd_journal_get_data");
        int length = toIntLength(nat.readSizeT(lengthOut));
        if (lookupUsed + length > lookupArena.length) {
            // Earlier lookups of this entry keep the old array; only new ones use the bigger one.
            lookupArena = new byte[Math.max(lookupArena.length * 2, length)];
            lookupUsed = 0;
        }
        nat.copy(dataOut.getAddress(0), lookupArena, lookupUsed, length);
        int prefix = field.bytes().length + 1;
        FieldValue view = lookups.get(field);
        if (view == null) {
            view = new FieldValue(moves);
            lookups.put(field, view);
        }
        view.point(lookupArena, lookupUsed + prefix, length - prefix);
        lookupUsed += length;
        return view;
    }

    /** As {@link #get(FieldName)}; the name is validated and encoded once per journal handle. */
    public FieldValue get(String field) {
        FieldName name = namesByString.get(field);
        if (name == null) {
            name = FieldName.of(field);
            namesByString.put(field, name);
        }
        return get(name);
    }

    private static int toIntLength(long length) {
        if (length < 0 || length > Integer.MAX_VALUE - 64) {
            throw new JournalException("sd_journal_enumerate_data", 0, "field of " + length + " bytes is too large");
        }
        return (int) length;
    }

    private static int indexOfEquals(byte[] bytes, int offset, int length) {
        for (int i = offset, end = offset + length; i < end; i++) {
            if (bytes[i] == '=') {
                return i;
            }
        }
        return -1;
    }

    // ---- unique values --------------------------------------------------------------------------

    /**
     * The distinct values of {@code field} in the open files, as bytes ({@code sd_journal_query_unique}).
     * Matches are not applied (libsystemd's semantics). Order is libsystemd's.
     */
    public List<byte[]> uniqueValues(String field) {
        long j = use();
        String problem = FieldName.problem(field);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        nat.check(sd.sd_journal_query_unique(j, field), "sd_journal_query_unique");
        sd.sd_journal_restart_unique(j);
        int prefix = field.length() + 1;
        List<byte[]> values = new ArrayList<>();
        while (true) {
            int result = sd.sd_journal_enumerate_unique(j, dataOut.address(), lengthOut.address());
            if (result == 0) {
                return values;
            }
            nat.check(result, "sd_journal_enumerate_unique");
            int length = toIntLength(nat.readSizeT(lengthOut));
            byte[] value = new byte[length - prefix];
            nat.copy(dataOut.getAddress(0) + prefix, value, 0, value.length);
            values.add(value);
        }
    }

    /** {@link #uniqueValues(String)} decoded as UTF-8, without duplicates, in libsystemd's order. */
    public Set<String> uniqueStrings(String field) {
        Set<String> strings = new LinkedHashSet<>();
        for (byte[] value : uniqueValues(field)) {
            strings.add(new String(value, StandardCharsets.UTF_8));
        }
        return strings;
    }

    // ---- follow ---------------------------------------------------------------------------------

    /**
     * Blocks until the journal changes or {@code timeout} passes ({@code sd_journal_wait}); interrupted
     * system calls are retried with the remaining time. After {@link WaitResult#APPEND} or
     * {@link WaitResult#INVALIDATE}, call {@link #next()} to read what arrived.
     */
    public WaitResult await(Duration timeout) {
        long j = use();
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative timeout: " + timeout);
        }
        long deadline = System.nanoTime() + saturatedNanos(timeout);
        long remainingMicros = saturatedMicros(timeout);
        while (true) {
            int result = sd.sd_journal_wait(j, remainingMicros);
            if (result != -EINTR) {
                return WaitResult.of(nat.check(result, "sd_journal_wait"));
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return WaitResult.NOP;
            }
            remainingMicros = remainingMicros == WAIT_FOREVER ? WAIT_FOREVER : TimeUnit.NANOSECONDS.toMicros(left);
        }
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 2;
        }
    }

    private static long saturatedMicros(Duration d) {
        if (d.getSeconds() >= Long.MAX_VALUE / 1_000_000 - 1) {
            return WAIT_FOREVER;
        }
        return d.getSeconds() * 1_000_000 + d.getNano() / 1000;
    }

    /**
     * The inotify file descriptor to poll in an event loop ({@code sd_journal_get_fd}); when it is
     * readable call {@link #process()}. Owned by the journal: do not close it.
     */
    public int fd() {
        return nat.check(sd.sd_journal_get_fd(use()), "sd_journal_get_fd");
    }

    /** Handles pending changes after {@link #fd()} became readable ({@code sd_journal_process}). */
    public WaitResult process() {
        return WaitResult.of(nat.check(sd.sd_journal_process(use()), "sd_journal_process"));
    }

    // ---- misc -----------------------------------------------------------------------------------

    /** Bytes used on disk by the open journal files. */
    public long usageBytes() {
        nat.check(sd.sd_journal_get_usage(use(), u64Out.address()), "sd_journal_get_usage");
        return u64Out.getLong(0);
    }

    /**
     * Largest field size returned uncut, in bytes; 0 (the default set on open) means unlimited.
     * libsystemd's own default of 64 KiB truncates larger values.
     */
    public void setDataThreshold(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative threshold: " + bytes);
        }
        nat.check(sd.sd_journal_set_data_threshold(use(), bytes), "sd_journal_set_data_threshold");
    }

    /** Closes the handle (owner thread only). Idempotent. */
    @Override
    public void close() {
        if (handle.address == 0) {
            return;
        }
        use();
        moved();
        handle.close();
    }
}
