package day2ops.logs.task;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * File-change notification for followed sandbox files: one inotify watch (Java {@link WatchService})
 * per sandbox directory being followed, one thread for all; a change in a directory wakes the streams
 * following files in it. No polling.
 */
@ApplicationScoped
public class FileChangeWatcher {

    private final Map<Path, Set<Runnable>> listeners = new ConcurrentHashMap<>();
    private final Map<Path, WatchKey> keys = new ConcurrentHashMap<>();
    private volatile WatchService watcher;

    private synchronized WatchService watcher() throws IOException {
        if (watcher == null) {
            watcher = FileSystems.getDefault().newWatchService();
            Thread thread = new Thread(this::loop, "sandbox-file-watcher");
            thread.setDaemon(true);
            thread.start();
        }
        return watcher;
    }

    /** Calls {@code onChange} whenever something in {@code directory} changes, until {@link #unwatch}. */
    public synchronized void watch(Path directory, Runnable onChange) throws IOException {
        listeners.computeIfAbsent(directory, d -> ConcurrentHashMap.newKeySet()).add(onChange);
        if (!keys.containsKey(directory)) {
            keys.put(directory, directory.register(watcher(), StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE));
        }
    }

    public synchronized void unwatch(Path directory, Runnable onChange) {
        Set<Runnable> set = listeners.get(directory);
        if (set != null && set.remove(onChange) && set.isEmpty()) {
            listeners.remove(directory);
            WatchKey key = keys.remove(directory);
            if (key != null) {
                key.cancel();
            }
        }
    }

    private void loop() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                key.pollEvents();
                key.reset();
                Set<Runnable> set = listeners.get((Path) key.watchable());
                if (set != null) {
                    set.forEach(Runnable::run);
                }
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
