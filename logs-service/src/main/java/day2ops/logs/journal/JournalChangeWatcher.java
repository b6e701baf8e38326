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
 * Wakes parked followers when journald changes a journal file: one inotify watch (Java's
 * {@link WatchService}) on the journal directories and their machine/namespace subdirectories, one
 * thread for all followers. journald signals appends by touching the file ({@code ftruncate}, an
 * {@code IN_MODIFY}), and rotation/vacuum create and delete files — the same events
 * {@code sd_journal_wait} waits for.
 */
@ApplicationScoped
public class JournalChangeWatcher {

    private static final Logger LOG = Logger.getLogger(JournalChangeWatcher.class);

    private final ReaderPool pool;
    private final List<Path> roots;
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
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && roots.contains(dir)) {
                        register(dir.resolve((Path) event.context()), false);
                    }
                }
                key.reset();
                pool.journalChanged();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // shutting down
        }
    }

    void stop(@Observes ShutdownEvent event) throws IOException {
        if (watcher != null) {
            watcher.close();
        }
    }
}
