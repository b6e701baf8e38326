package day2ops.logs.journal;

import day2ops.logs.config.LogsConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Wakes parked followers when journald changes a journal file: one inotify instance (Java's
 * {@link WatchService}, event driven on Linux) on the journal directories and their
 * machine/namespace subdirectories, one thread for all followers — the only inotify instance the
 * service uses for the journal, however many follow. journald signals appends by touching the file
 * ({@code ftruncate}, an {@code IN_MODIFY}, from a coalescing timer: systemd 252 posts it 250–500 ms
 * after the first unsignalled append), and rotation/vacuum create and delete files — the same events
 * {@code sd_journal_wait} waits for. A created or removed journal file also bumps the readers' files
 * generation, so followers move to new handles.
 */
@ApplicationScoped
public class JournalChangeWatcher {

    private static final Logger LOG = Logger.getLogger(JournalChangeWatcher.class);

    private final ReaderPool pool;
    private final List<Path> roots;
    private final NewFiles newFiles = new NewFiles();
    private WatchService watcher;
    private Thread thread;

    public JournalChangeWatcher(ReaderPool pool, LogsConfig config) {
        this.pool = pool;
        this.roots = config.journalDirectory().map(List::of).orElse(config.journalDirectories());
    }

    void start(@Observes StartupEvent event) throws IOException {
        watcher = FileSystems.getDefault().newWatchService();
        for (Path root : roots) {
            register(root, true);
        }
        thread = new Thread(this::loop, "journal-change-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void register(Path dir, boolean withSubdirectories) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try {
            dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
            if (withSubdirectories) {
                try (Stream<Path> children = Files.list(dir)) {
                    children.filter(Files::isDirectory).forEach(child -> register(child, false));
                }
            }
        } catch (IOException e) {
            LOG.warnf("cannot watch %s for journal changes: %s", dir, e.getMessage());
        }
    }

    private void loop() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                Path dir = (Path) key.watchable();
                boolean filesChanged = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        filesChanged = true;
                        continue;
                    }
                    if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && roots.contains(dir)) {
                        // A new machine or namespace directory: watched from now on; followers reopen, so files
                        // journald created in it before the watch existed are read too.
                        register(dir.resolve((Path) event.context()), false);
                        filesChanged = true;
                    }
                    Path file = dir.resolve((Path) event.context());
                    if (isJournalFile(file) && newFiles.changed(file, event.kind(), System.nanoTime())) {
                        filesChanged = true;
                    }
                }
                key.reset();
                pool.journalChanged(filesChanged);
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // shutting down
        }
    }

    /**
     * Which events mean "the set of journal files changed" (a follower must open a new handle to see it).
     * Creating and removing files do. So does a change of a file created less than a second before, and the
     * first change after that: a handle opened while journald was still initializing a new file leaves it
     * out (libsystemd skips files it cannot open yet, and only a handle with its own inotify instance would
     * retry), so followers reopen again until the file has certainly been complete when they did.
     * Watcher-thread state.
     */
    static final class NewFiles {
        static final long SETTLED_NANOS = 1_000_000_000L;
        private final java.util.Map<Path, Long> created = new java.util.HashMap<>();

        boolean changed(Path file, WatchEvent.Kind<?> kind, long now) {
            if (kind == StandardWatchEventKinds.ENTRY_CREATE) {
                created.put(file, now);
                return true;
            }
            if (kind == StandardWatchEventKinds.ENTRY_DELETE) {
                created.remove(file);
                return true;
            }
            Long at = created.get(file);
            if (at == null) {
                return false;
            }
            if (now - at >= SETTLED_NANOS) {
                created.remove(file);
            }
            return true;
        }
    }

    /** journald's files: {@code *.journal}, and {@code *.journal~} (a file it found corrupt and renamed). */
    static boolean isJournalFile(Path name) {
        if (name.getFileName() == null) {
            return false;
        }
        String n = name.getFileName().toString();
        return n.endsWith(".journal") || n.endsWith(".journal~");
    }

    void stop(@Observes ShutdownEvent event) throws IOException {
        if (watcher != null) {
            watcher.close();
        }
    }
}
