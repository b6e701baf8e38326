package day2ops.diagnostics.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Bundles of one kind on disk: {@code <root>/<id>/state.json} and {@code <root>/<id>/bundle.zip}, directories
 * 0700 and files 0600 (bundles hold a node's logs). {@code state.json} is replaced atomically.
 */
public final class BundleStore {

    private static final Logger LOG = Logger.getLogger(BundleStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String STATE = "state.json";
    static final String ZIP = "bundle.zip";

    private final Path root;

    public BundleStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Creates the bundle's directory; 409 when a bundle of that id exists. */
    void create(String id) {
        try {
            Files.createDirectories(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.createDirectory(root.resolve(id), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            throw new ClientErrorException("bundle '" + id + "' already exists", Response.Status.CONFLICT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of bundle " + id + " under " + root, e);
        }
    }

    /** A new empty file of the bundle, 0600. */
    OutputStream newFile(String id, String name) throws IOException {
        Path file = root.resolve(id).resolve(name);
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    Path zip(String id) {
        return root.resolve(id).resolve(ZIP);
    }

    void deleteZip(String id) {
        try {
            Files.deleteIfExists(zip(id));
        } catch (IOException e) {
            LOG.warnf("cannot delete %s: %s", zip(id), e.getMessage());
        }
    }

    void write(BundleState state) {
        Path dir = root.resolve(state.id());
        try {
            Path temp = dir.resolve(STATE + ".tmp");
            Files.deleteIfExists(temp);
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(temp, JSON.writeValueAsBytes(state), StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(temp, dir.resolve(STATE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the state of bundle " + state.id(), e);
        }
    }

    Optional<BundleState> read(String id) {
        try {
            return Optional.of(JSON.readValue(root.resolve(id).resolve(STATE).toFile(), BundleState.class));
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.warnf("unreadable state of bundle %s: %s", id, e.getMessage());
            return Optional.empty();
        }
    }

    /** Every bundle with a readable state, by id. */
    List<BundleState> list() {
        List<BundleState> states = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return states;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path dir : dirs) {
                read(dir.getFileName().toString()).ifPresent(states::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list bundles in " + root, e);
        }
        states.sort((a, b) -> a.id().compareTo(b.id()));
        return states;
    }

    /**
     * After a restart nothing is building: every bundle recorded as running becomes Failed, saying so, and its
     * partial zip is removed. Returns the ids changed.
     */
    public List<String> failInterrupted() {
        List<String> failed = new ArrayList<>();
        for (BundleState state : list()) {
            if (state.status().running()) {
                deleteZip(state.id());
                write(state.stopped(BundleStatus.Failed, Instant.now().toString(), 0, List.of(
                        "the diagnostics service stopped while this bundle was being built (at " + state.collected()
                                + " of " + state.total() + "); start a new one")));
                failed.add(state.id());
            }
        }
        return failed;
    }
}
