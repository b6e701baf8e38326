package day2ops.cli.diagnostics;

import day2ops.cli.api.CliException;
import day2ops.cli.api.ClusterClient;
import day2ops.cli.api.ClusterOptions;
import day2ops.cli.format.Progress;
import day2ops.cli.format.Units;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code day2 diagnostics bundle download ID}: {@code GET …/diagnostics/{id}/file} into a file, written
 * atomically (a temp file beside the target, synced, then renamed), with a byte progress bar on a terminal.
 */
@Command(name = "download",
        mixinStandardHelpOptions = true,
        description = {"Download a finished bundle (zip). The file appears only when complete; it is readable by you only.",
            "Example: day2 diagnostics bundle download 0b6e… -o /tmp/bundle.zip"})
public class BundleDownloadCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Mixin
    BundleScope scope;

    @Parameters(index = "0", paramLabel = "ID", description = "Bundle id.")
    String id;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write it (default: ./<id>.zip).")
    Path output;

    @Override
    public Integer call() {
        ClusterClient client = cluster.client();
        Path target = (output != null ? output : Path.of(id + ".zip")).toAbsolutePath();
        if (Files.isDirectory(target)) {
            target = target.resolve(id + ".zip");
        }
        HttpResponse<InputStream> response = client.stream(client.uri(scope.path(id) + "/file"),
                "application/zip, application/octet-stream;q=0.9, */*;q=0.1", Map.of());
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        long written = AtomicDownload.write(response.body(), target, length, Progress.onStderr());
        System.err.println("downloaded " + Units.bytes(written) + " to " + target);
        return 0;
    }

    /** Copies a body into {@code target} through a temp file in the same directory and an atomic rename. */
    static final class AtomicDownload {

        private AtomicDownload() {
        }

        static long write(InputStream body, Path target, long length, Progress progress) {
            Path dir = target.getParent();
            Path temp;
            try {
                temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
            } catch (IOException e) {
                throw new CliException("cannot write in " + dir + ": " + e.getMessage());
            }
            long written = 0;
            boolean done = false;
            try (InputStream in = body;
                    FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                    OutputStream out = Channels.newOutputStream(channel)) {
                byte[] buffer = new byte[64 * 1024];
                long lastShown = 0;
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    written += n;
                    long now = System.nanoTime();
                    if (progress.terminal() && now - lastShown > 100_000_000L) {
                        progress.update("", written, length, Units::bytes, "");
                        lastShown = now;
                    }
                }
                if (progress.terminal()) {
                    progress.update("", written, length, Units::bytes, "");
                }
                if (length >= 0 && written != length) {
                    throw new CliException("download ended after " + written + " of " + length + " bytes; nothing written to " + target);
                }
                channel.force(true);
                done = true;
            } catch (IOException e) {
                throw new CliException("download to " + target + " failed after " + written + " bytes: " + e.getMessage()
                        + "; nothing written", CliException.UNREACHABLE);
            } finally {
                progress.finish();
                if (!done) {
                    deleteQuietly(temp);
                }
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                deleteQuietly(temp);
                throw new CliException("cannot rename the download to " + target + ": " + e.getMessage());
            }
            return written;
        }

        private static void deleteQuietly(Path file) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // best effort: a leftover .part file is named after the target
            }
        }
    }
}
