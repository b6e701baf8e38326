package day2ops.diagnostics.bundle;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A cluster bundle's zip, fed by several node streams at once. A zip has one open entry at a time, so a node
 * holds the zip for the duration of one entry and hands it on at the entry's end (a fair lock: nodes take turns
 * entry by entry). A node waiting for its turn stops reading its stream, and gRPC flow control stops that node
 * — nothing is buffered on the master beyond the transport's window.
 */
final class ClusterZip implements AutoCloseable {

    private final ReentrantLock turn = new ReentrantLock(true);
    private final BundleFile file;
    private final ZipOutputStream zip;

    ClusterZip(OutputStream out, long budgetBytes) {
        this.file = new BundleFile(out, budgetBytes);
        this.zip = new ZipOutputStream(file, StandardCharsets.UTF_8);
    }

    /** A writer of one node's entries under {@code folder/}. Used by one thread. */
    NodeWriter writer(String folder) {
        return new NodeWriter(EntryNames.sanitise(folder));
    }

    /** A whole small entry at the root (report, summary). */
    void entry(String name, byte[] content) throws IOException {
        turn.lock();
        try {
            ZipEntry entry = new ZipEntry(EntryNames.sanitise(name));
            zip.putNextEntry(entry);
            zip.write(content);
            zip.closeEntry();
        } finally {
            turn.unlock();
        }
    }

    long size() {
        return file.size();
    }

    /** Fails once the file is over its budget (checked on every node write, and by the owner after closing). */
    void checkBudget() {
        try {
            file.checkBudget("the cluster bundle");
        } catch (IOException e) {
            throw new SinkFailedException(e);
        }
    }

    @Override
    public void close() throws IOException {
        turn.lock();
        try {
            zip.close();
        } finally {
            turn.unlock();
        }
    }

    final class NodeWriter {
        private final String folder;
        private boolean holding;

        NodeWriter(String folder) {
            this.folder = folder;
        }

        /** Ends the node's previous entry (letting another node have a turn) and begins {@code name}. */
        void start(String name, long modifiedMillis) throws IOException {
            end();
            turn.lock();
            holding = true;
            // Names come from another machine: sanitised again, whatever the node did.
            ZipEntry entry = new ZipEntry(folder + "/" + EntryNames.sanitise(name));
            entry.setTime(modifiedMillis);
            try {
                zip.putNextEntry(entry);
            } catch (IOException e) {
                throw new SinkFailedException(e);
            }
        }

        void write(ByteString data) throws IOException {
            if (!holding) {
                throw new IOException("the node sent data before any entry");
            }
            try {
                data.writeTo(zip);
            } catch (IOException e) {
                throw new SinkFailedException(e);
            }
            checkBudget();
        }

        /** Ends the current entry, if any, and releases the zip. */
        void end() {
            if (holding) {
                holding = false;
                try {
                    zip.closeEntry();
                } catch (IOException e) {
                    throw new SinkFailedException(e);
                } finally {
                    turn.unlock();
                }
            }
        }
    }
}
