package day2ops.diagnostics.bundle;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;

/** Expands the configured file patterns ({@code /etc/day2ops/*.conf}) into regular files. */
final class FileGlobs {

    private FileGlobs() {
    }

    static boolean isGlob(String pattern) {
        return pattern.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    /** The regular files matching {@code pattern}, sorted; a pattern without glob characters is itself. */
    static List<Path> expand(String pattern) throws IOException {
        if (!isGlob(pattern)) {
            return List.of(Path.of(pattern));
        }
        // Walk from the deepest directory without glob characters, as deep as the pattern has segments.
        Path path = Path.of(pattern);
        Path base = path.getRoot() == null ? Path.of("") : path.getRoot();
        int fixed = 0;
        for (Path segment : path) {
            if (isGlob(segment.toString())) {
                break;
            }
            base = base.resolve(segment);
            fixed++;
        }
        int depth = pattern.contains("**") ? Integer.MAX_VALUE : path.getNameCount() - fixed;
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        try (Stream<Path> walk = Files.walk(base, depth)) {
            return walk.filter(Files::isRegularFile).filter(matcher::matches).sorted().toList();
        }
    }
}
