package day2ops.cli.debug;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The controlling terminal through {@code stty} on {@code /dev/tty}: raw mode for a remote TTY, its
 * size for resize messages, and restoring the saved settings afterwards.
 */
final class Terminal {

    private static final File TTY = new File("/dev/tty");

    private Terminal() {
    }

    /** Saves the current settings ({@code stty -g}), then switches to {@code raw -echo}; returns the saved settings. */
    static String enterRawMode() throws IOException {
        String saved = stty("-g").strip();
        stty("raw", "-echo");
        return saved;
    }

    static void restore(String saved) {
        try {
            stty(saved);
        } catch (IOException e) {
            System.err.println("day2: could not restore the terminal (run 'stty sane'): " + e.getMessage());
        }
    }

    /** {@code [columns, rows]}, or empty when there is no terminal. */
    static Optional<int[]> size() {
        try {
            String[] rowsCols = stty("size").strip().split("\\s+");
            return Optional.of(new int[] {Integer.parseInt(rowsCols[1]), Integer.parseInt(rowsCols[0])});
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String stty(String... args) throws IOException {
        String[] command = new String[args.length + 1];
        command[0] = "stty";
        System.arraycopy(args, 0, command, 1, args.length);
        Process stty = new ProcessBuilder(command).redirectInput(TTY).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(stty.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (stty.waitFor() != 0) {
                throw new IOException("stty " + String.join(" ", args) + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }
}
