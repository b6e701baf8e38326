package day2ops.common.health;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/** Readiness that depends on local files a service reads or writes (journal, /proc, work dirs). */
public final class PathReadiness {

    /** What a path must allow for the service to be ready. */
    public enum Need {
        READABLE, WRITABLE_DIRECTORY
    }

    private PathReadiness() {
    }

    /**
     * Up when at least one of {@code candidates} satisfies {@code need}; the response names the
     * path in use, or lists every candidate that was tried.
     */
    public static HealthCheckResponse firstUsable(String name, Need need, List<Path> candidates) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(name);
        for (Path path : candidates) {
            if (satisfies(path, need)) {
                return response.up().withData("path", path.toString()).build();
            }
        }
        return response.down()
                .withData("problem", "none of " + candidates + " is " + need.name().toLowerCase().replace('_', ' '))
                .build();
    }

    private static boolean satisfies(Path path, Need need) {
        return switch (need) {
            case READABLE -> Files.isReadable(path);
            case WRITABLE_DIRECTORY -> Files.isDirectory(path) && Files.isWritable(path);
        };
    }
}
