package day2ops.diagnostics.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.file.Path;

/** A bundle's zip as a download, streamed from disk. */
final class BundleFiles {

    private BundleFiles() {
    }

    static Response zip(String id, Path file) {
        return Response.ok(file.toFile(), "application/zip")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + id + ".zip\"")
                .build();
    }
}
