package day2ops.logs.task;

import day2ops.logs.journal.LogRequestException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Task sandboxes on the local disk ({@code {work_dir}/slaves/{agent}/frameworks/{fw}/executors/{ex}/runs/{cid}[/tasks/{task}]})
 * and line positions in their files. A file position is a byte offset; a cursor {@code N} names the line
 * that contains byte N and reading starts with the line after it (so the id of a delivered line is the
 * offset of its newline, and resuming after it continues with the next line).
 */
public final class SandboxFiles {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._\\-]+");

    private SandboxFiles() {
    }

    /** The sandbox directory of a run, or 404 if no agent under {@code workDir} has it. */
    public static Path sandbox(Path workDir, String fw, String ex, String cid, String taskPath) {
        for (String part : taskPath == null ? List.of(fw, ex, cid) : List.of(fw, ex, cid, taskPath)) {
            if (!SEGMENT.matcher(part).matches() || part.equals(".") || part.equals("..")) {
                throw LogRequestException.badRequest("invalid sandbox path segment '" + part + "'");
            }
        }
        Path slaves = workDir.resolve("slaves");
        try (Stream<Path> agents = Files.list(slaves)) {
            for (Path agent : agents.toList()) {
                Path run = agent.resolve("frameworks").resolve(fw).resolve("executors").resolve(ex).resolve("runs").resolve(cid);
                if (taskPath != null) {
                    run = run.resolve("tasks").resolve(taskPath);
                }
                if (Files.isDirectory(run, LinkOption.NOFOLLOW_LINKS)) {
                    return run;
                }
            }
        } catch (IOException e) {
            throw new LogRequestException(404, "no task sandboxes under " + slaves);
        }
        throw new LogRequestException(404, "no sandbox for framework " + fw + ", executor " + ex + ", run " + cid
                + (taskPath == null ? "" : ", task " + taskPath));
    }

    /**
     * {@code relative} inside {@code sandbox}; 400 when it would leave the sandbox (absolute, {@code ..},
     * or a symbolic link pointing out), 404 when it does not exist.
     */
    public static Path resolve(Path sandbox, String relative, boolean directory) {
        if (relative.startsWith("/") || relative.contains("\0")) {
            throw LogRequestException.badRequest("path '" + relative + "' must be relative to the task sandbox");
        }
        Path candidate = sandbox.resolve(relative).normalize();
        if (!candidate.startsWith(sandbox)) {
            throw LogRequestException.badRequest("path '" + relative + "' escapes the task sandbox");
        }
        try {
            Path real = candidate.toRealPath();
            if (!real.startsWith(sandbox.toRealPath())) {
                throw LogRequestException.badRequest("path '" + relative + "' escapes the task sandbox");
            }
            if (directory ? !Files.isDirectory(real) : !Files.isRegularFile(real)) {
                throw new LogRequestException(404, (directory ? "no directory '" : "no file '") + relative + "' in the task sandbox");
            }
            return real;
        } catch (IOException e) {
            throw new LogRequestException(404, "no file '" + relative + "' in the task sandbox");
        }
    }

    /** The start of the line after the line containing byte {@code offset} (the file's end if there is none). */
    public static long startAfter(FileChannel file, long offset) throws IOException {
        long size = file.size();
        if (offset >= size) {
            return size;
        }
        long newline = indexOfNewline(file, Math.max(0, offset), size);
        return newline < 0 ? size : newline + 1;
    }

    /** Moves {@code lines} lines forward from {@code position} (a line start); returns the new position. */
    public static long forward(FileChannel file, long position, long lines) throws IOException {
        long size = file.size();
        long p = position;
        for (long i = 0; i < lines && p < size; i++) {
            long newline = indexOfNewline(file, p, size);
            p = newline < 0 ? size : newline + 1;
        }
        return p;
    }

    /** Moves {@code lines} lines back from {@code position} (a line start or the end); returns the new position. */
    public static long backward(FileChannel file, long position, long lines) throws IOException {
        long p = position;
        for (long i = 0; i < lines && p > 0; i++) {
            long newline = lastNewlineBefore(file, p - 1);
            p = newline < 0 ? 0 : newline + 1;
        }
        return p;
    }

    /** The end of the file's last complete line (the position after its newline). */
    public static long endOfCompleteLines(FileChannel file) throws IOException {
        long size = file.size();
        if (size == 0) {
            return 0;
        }
        long newline = lastNewlineBefore(file, size);
        return newline < 0 ? 0 : newline + 1;
    }

    private static long indexOfNewline(FileChannel file, long from, long size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        long p = from;
        while (p < size) {
            buffer.clear();
            int n = file.read(buffer, p);
            if (n <= 0) {
                return -1;
            }
            for (int i = 0; i < n; i++) {
                if (buffer.get(i) == '\n') {
                    return p + i;
                }
            }
            p += n;
        }
        return -1;
    }

    /** The last newline at an index below {@code end}, or -1. */
    private static long lastNewlineBefore(FileChannel file, long end) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        long high = end;
        while (high > 0) {
            long low = Math.max(0, high - buffer.capacity());
            buffer.clear();
            buffer.limit((int) (high - low));
            int n = file.read(buffer, low);
            if (n <= 0) {
                return -1;
            }
            for (int i = n - 1; i >= 0; i--) {
                if (buffer.get(i) == '\n') {
                    return low + i;
                }
            }
            high = low;
        }
        return -1;
    }
}
