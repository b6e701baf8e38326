package day2ops.journal;

import jnr.ffi.LibraryLoader;
import jnr.ffi.LibraryOption;
import jnr.ffi.NativeType;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.TypeAlias;
import jnr.ffi.types.intptr_t;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The loaded native libraries and the few memory helpers built on them. This package is the only one
 * that imports {@code jnr.*}; everything above it sees plain Java types.
 *
 * <p>The libraries are loaded once per class loader, on first use. A failure is remembered and every
 * later use fails the same way: there is no fallback to another logging path.
 */
final class Native {

    /** System property naming the library to load; the default is the ABI-stable soname. */
    static final String LIBRARY_PROPERTY = "day2ops.journal.library";
    static final String DEFAULT_LIBRARY = "libsystemd.so.0";

    /**
     * The part of {@code libsystemd.so.0}'s sd-journal API this module uses. Loaded once by {@link Native}.
     * Public only because jnr-ffi's generated implementation lives in another class loader; the enclosing
     * class keeps it package-private to Java code.
     * Every function returns a negative errno on failure (never through {@code errno}), so the library is
     * bound with {@code IgnoreError}: saving errno after each call would only cost time.
     *
     * <p>Pointers are passed as {@code intptr_t}-wide addresses, which lets jnr-ffi use its fastest
     * all-primitive call path; the memory behind them is direct memory the caller keeps reachable
     * ({@link Journal} allocates one set of out-parameters per handle), so a call in the read loop allocates
     * nothing on either side.
     */
    public interface Libsystemd {

        int sd_journal_open(@intptr_t long ret, int flags);

        int sd_journal_open_namespace(@intptr_t long ret, String namespace, int flags);

        int sd_journal_open_directory(@intptr_t long ret, String path, int flags);

        /** {@code paths} is a NULL-terminated {@code const char *[]}. */
        int sd_journal_open_files(@intptr_t long ret, @intptr_t long paths, int flags);

        void sd_journal_close(@intptr_t long journal);

        int sd_journal_set_data_threshold(@intptr_t long journal, @size_t long threshold);

        int sd_journal_next(@intptr_t long journal);

        int sd_journal_previous(@intptr_t long journal);

        int sd_journal_next_skip(@intptr_t long journal, long skip);

        int sd_journal_previous_skip(@intptr_t long journal, long skip);

        int sd_journal_seek_head(@intptr_t long journal);

        int sd_journal_seek_tail(@intptr_t long journal);

        int sd_journal_seek_cursor(@intptr_t long journal, String cursor);

        int sd_journal_seek_realtime_usec(@intptr_t long journal, long usec);

        /** {@code cursor} receives a malloc'd string the caller must free. */
        int sd_journal_get_cursor(@intptr_t long journal, @intptr_t long cursor);

        int sd_journal_test_cursor(@intptr_t long journal, String cursor);

        int sd_journal_get_realtime_usec(@intptr_t long journal, @intptr_t long usec);

        /** {@code bootId} receives the 16-byte {@code sd_id128_t}. */
        int sd_journal_get_monotonic_usec(@intptr_t long journal, @intptr_t long usec, @intptr_t long bootId);

        /** {@code field} is a NUL-terminated name; {@code data}/{@code length} point into the mapped file. */
        int sd_journal_get_data(@intptr_t long journal, @intptr_t long field, @intptr_t long data, @intptr_t long length);

        int sd_journal_enumerate_data(@intptr_t long journal, @intptr_t long data, @intptr_t long length);

        void sd_journal_restart_data(@intptr_t long journal);

        int sd_journal_add_match(@intptr_t long journal, @intptr_t long data, @size_t long size);

        int sd_journal_add_disjunction(@intptr_t long journal);

        int sd_journal_add_conjunction(@intptr_t long journal);

        void sd_journal_flush_matches(@intptr_t long journal);

        int sd_journal_query_unique(@intptr_t long journal, String field);

        int sd_journal_enumerate_unique(@intptr_t long journal, @intptr_t long data, @intptr_t long length);

        void sd_journal_restart_unique(@intptr_t long journal);

        int sd_journal_get_fd(@intptr_t long journal);

        int sd_journal_process(@intptr_t long journal);

        int sd_journal_wait(@intptr_t long journal, long timeoutUsec);

        int sd_journal_get_usage(@intptr_t long journal, @intptr_t long bytes);

        /** {@code iov} is an array of {@code n} {@code struct iovec}, each {@code NAME=value}. */
        int sd_journal_sendv(@intptr_t long iov, int n);
    }

    /** The two libc functions the binding needs: releasing strings libsystemd allocates, and errno text. */
    public interface Libc {

        void free(@intptr_t long address);

        String strerror(int errnum);
    }

    /**
     * The libc socket calls {@link JournalWriter#create(java.nio.file.Path)} needs to reach a journald
     * socket other than the default one (libsystemd 252 has no namespace-aware send). Bound without
     * {@code IgnoreError}: these report failure through {@code errno}.
     */
    public interface Sockets {

        int socket(int domain, int type, int protocol);

        /**
         * {@code message} is the native address of a {@code struct msghdr}. (Not {@code sendto}: jnr-ffi garbles
         * its sixth argument, the address length, on this call path — seen as {@code EINVAL}.)
         */
        @ssize_t long sendmsg(int fd, @intptr_t long message, int flags);

        int close(int fd);
    }

    final Libsystemd sd;
    final Libc libc;
    final Sockets sockets;
    final Runtime socketsRuntime;
    final Runtime runtime;
    /** A pointer at address 0, so {@code memory.get(address, …)} reads any native address. */
    final Pointer memory;
    final int sizeTBytes;
    final int addressBytes;
    final String library;

    private Native(String library, Libsystemd sd, Libc libc, Sockets sockets) {
        this.library = library;
        this.sd = sd;
        this.libc = libc;
        this.sockets = sockets;
        this.socketsRuntime = Runtime.getRuntime(sockets);
        this.runtime = Runtime.getRuntime(sd);
        this.memory = runtime.getMemoryManager().newPointer(0L);
        this.sizeTBytes = runtime.findType(TypeAlias.size_t).size();
        this.addressBytes = runtime.findType(NativeType.ADDRESS).size();
    }

    private static final class Holder {
        static final Native INSTANCE;
        static final JournalUnavailableException FAILURE;

        static {
            Native loaded = null;
            JournalUnavailableException failure = null;
            try {
                loaded = load(System.getProperty(LIBRARY_PROPERTY, DEFAULT_LIBRARY));
            } catch (JournalUnavailableException e) {
                failure = e;
            }
            INSTANCE = loaded;
            FAILURE = failure;
        }
    }

    /** The process-wide binding, loading it on first call. */
    static Native get() {
        Native loaded = Holder.INSTANCE;
        if (loaded == null) {
            throw new JournalUnavailableException(Holder.FAILURE.getMessage(), Holder.FAILURE);
        }
        return loaded;
    }

    /** Loads {@code library} now, resolving every symbol, or explains why it cannot. */
    static Native load(String library) {
        preferReflectionLoaderInNativeImage();
        try {
            Libsystemd sd = LibraryLoader.create(Libsystemd.class)
                    .option(LibraryOption.IgnoreError, Boolean.TRUE)
                    .option(LibraryOption.LoadNow, Boolean.TRUE)
                    .failImmediately()
                    .load(library);
            Libc libc = LibraryLoader.create(Libc.class)
                    .option(LibraryOption.IgnoreError, Boolean.TRUE)
                    .failImmediately()
                    .load("c");
            Sockets sockets = LibraryLoader.create(Sockets.class)
                    .failImmediately()
                    .load("c");
            return new Native(library, sd, libc, sockets);
        } catch (LinkageError | RuntimeException e) {
            throw new JournalUnavailableException(
                    "cannot load " + library + " (systemd's sd-journal library, package libsystemd0, systemd >= 245"
                            + " for sd_journal_open_namespace): " + e.getMessage(), e);
        }
    }

    /**
     * jnr-ffi generates classes at run time unless told otherwise; a native image cannot define classes,
     * so there it must use its reflection/proxy loader (registered in META-INF/native-image).
     */
    private static void preferReflectionLoaderInNativeImage() {
        if (System.getProperty("org.graalvm.nativeimage.imagecode") != null
                && System.getProperty("jnr.ffi.asm.enabled") == null) {
            System.setProperty("jnr.ffi.asm.enabled", "false");
        }
    }

    Pointer allocate(int bytes) {
        return runtime.getMemoryManager().allocateDirect(bytes, true);
    }

    long readSizeT(Pointer p) {
        return sizeTBytes == 8 ? p.getLong(0) : p.getInt(0) & 0xffffffffL;
    }

    void writeSizeT(Pointer p, long offset, long value) {
        if (sizeTBytes == 8) {
            p.putLong(offset, value);
        } else {
            p.putInt(offset, (int) value);
        }
    }

    /** Copies {@code length} bytes at native {@code address} into {@code target}. */
    void copy(long address, byte[] target, int offset, int length) {
        memory.get(address, target, offset, length);
    }

    int check(int result, String function) {
        if (result < 0) {
            throw exception(function, -result);
        }
        return result;
    }

    /** The {@code errno} of the last failed {@link Sockets} call on this thread. */
    int socketErrno() {
        return socketsRuntime.getLastError();
    }

    JournalException exception(String function, int errno) {
        return new JournalException(function, errno, libc.strerror(errno));
    }
}
