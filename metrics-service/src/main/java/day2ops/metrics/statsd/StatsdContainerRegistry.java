package day2ops.metrics.statsd;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Per-container StatsD listeners: one UDP port per container from a configured range. Every
 * change is written to a state file (atomically, by rename) before it is acknowledged, and the
 * file is replayed on start so each container keeps its port across restarts.
 */
public final class StatsdContainerRegistry {

    /** Mesos container ids: UUIDs, nested ones joined with dots. */
    private static final Pattern CONTAINER_ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,254}");
    private static final Logger LOG = Logger.getLogger(StatsdContainerRegistry.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Outcome of a registration request. */
    public sealed interface Result {
        /** A new listener was bound. */
        record Created(ContainerRegistration registration) implements Result {
        }

        /** The container was registered before; nothing changed. */
        record Exists(ContainerRegistration registration) implements Result {
        }

        /** The requested port is in use (by another container or another process). */
        record PortTaken(int port, String reason) implements Result {
        }

        /** Every port of the range is in use. */
        record NoFreePort(int min, int max) implements Result {
        }
    }

    private final StatsdServer server;
    private final Path stateFile;
    private final String host;
    private final int portMin;
    private final int portMax;
    private final TreeMap<String, ContainerRegistration> registrations = new TreeMap<>();

    public StatsdContainerRegistry(StatsdServer server, Path stateFile, String host, int portMin, int portMax) {
        if (portMin < 1 || portMax > 65_535 || portMin > portMax) {
            throw new IllegalArgumentException("container port range " + portMin + "-" + portMax + " is invalid");
        }
        this.server = server;
        this.stateFile = stateFile;
        this.host = host;
        this.portMin = portMin;
        this.portMax = portMax;
    }

    /** Whether an id can be a Mesos container id; anything else is refused with 400. */
    public static boolean isValidContainerId(String id) {
        return id != null && CONTAINER_ID.matcher(id).matches();
    }

    /**
     * Rebinds every persisted registration on its port. A port that cannot be bound any more is
     * logged and the registration kept, so the container gets its port back once it is free
     * (after the next restart) instead of silently moving.
     */
    public synchronized void restore() throws IOException {
        if (!Files.exists(stateFile)) {
            return;
        }
        List<ContainerRegistration> saved = JSON.readValue(stateFile.toFile(), new TypeReference<>() {
        });
        for (ContainerRegistration registration : saved) {
            registrations.put(registration.containerId(), registration);
            try {
                server.open(registration.containerId(), registration.statsdHost(), registration.statsdPort());
            } catch (IOException e) {
                LOG.errorf("cannot restore StatsD listener of container %s on %s:%d: %s",
                        registration.containerId(), registration.statsdHost(), registration.statsdPort(), e);
            }
        }
        LOG.infof("restored %d container StatsD listeners from %s", saved.size(), stateFile);
    }

    /** Registers a container on a free port of the range, or on {@code requestedPort} when given. */
    public synchronized Result register(String containerId, Optional<Integer> requestedPort) throws IOException {
        ContainerRegistration existing = registrations.get(containerId);
        if (existing != null) {
            return new Result.Exists(existing);
        }
        if (requestedPort.isPresent()) {
            int port = requestedPort.get();
            if (registrations.values().stream().anyMatch(r -> r.statsdPort() == port)) {
                return new Result.PortTaken(port, "assigned to another container");
            }
            try {
                return created(containerId, port);
            } catch (BindException e) {
                return new Result.PortTaken(port, "in use by another process");
            }
        }
        for (int port = portMin; port <= portMax; port++) {
            int candidate = port;
            if (registrations.values().stream().anyMatch(r -> r.statsdPort() == candidate)) {
                continue;
            }
            try {
                return created(containerId, port);
            } catch (BindException e) {
                // Held by some other process: try the next one.
            }
        }
        return new Result.NoFreePort(portMin, portMax);
    }

    private Result created(String containerId, int port) throws IOException {
        StatsdListener listener = server.open(containerId, host, port);
        ContainerRegistration registration = new ContainerRegistration(containerId, host, listener.port());
        registrations.put(containerId, registration);
        try {
            persist();
        } catch (IOException e) {
            registrations.remove(containerId);
            server.close(containerId);
            throw e;
        }
        return new Result.Created(registration);
    }

    /** Removes a container: its listener is drained, flushed a last time and closed. */
    public synchronized boolean deregister(String containerId) throws IOException {
        if (registrations.remove(containerId) == null) {
            return false;
        }
        persist();
        server.close(containerId);
        return true;
    }

    public synchronized Optional<ContainerRegistration> get(String containerId) {
        return Optional.ofNullable(registrations.get(containerId));
    }

    public synchronized List<ContainerRegistration> all() {
        List<ContainerRegistration> all = new ArrayList<>(registrations.values());
        all.sort(Comparator.comparing(ContainerRegistration::containerId));
        return all;
    }

    private void persist() throws IOException {
        Path parent = stateFile.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, stateFile.getFileName().toString(), ".tmp");
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), new ArrayList<>(registrations.values()));
            Files.move(temporary, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
