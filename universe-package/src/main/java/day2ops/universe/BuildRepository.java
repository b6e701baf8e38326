package day2ops.universe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Build step ({@code mvn package}): validates every package, then writes to the output directory
 * the repository index {@code repo-up-to-2.2.json}, its {@code .content_type} and each package's
 * rendered Marathon app ({@code rendered/<name>/<revision>/defaults.json} and {@code options.json}).
 *
 * <p>Arguments: packages directory, example options directory, output directory.
 */
public final class BuildRepository {

    /** Thrown when a package breaks a rule; the message lists every violation. */
    public static final class InvalidRepositoryException extends RuntimeException {
        InvalidRepositoryException(String message) {
            super(message);
        }
    }

    private BuildRepository() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: BuildRepository <packages dir> <options dir> <output dir>");
        }
        Built built = build(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
        for (ValidatedPackage pkg : built.packages()) {
            System.out.println("[universe] " + pkg.name() + " revision " + pkg.releaseVersion() + " ("
                    + pkg.packageJson().path("version").asText() + "): valid, rendered with " + pkg.renderedApps().keySet());
        }
        System.out.println("[universe] wrote " + built.index() + " (" + built.packages().size() + " packages, "
                + Files.size(built.index()) + " bytes, served as " + RepositoryIndex.MEDIA_TYPE + ")");
    }

    /** What a build wrote: the index file and the packages in it. */
    public record Built(Path index, List<ValidatedPackage> packages) {
    }

    /** Validates and writes everything. */
    public static Built build(Path packages, Path options, Path output) throws IOException {
        RepositoryValidator.Report report = RepositoryValidator.validate(packages, options);
        if (!report.valid()) {
            throw new InvalidRepositoryException(report.violations().size() + " violation(s) in " + packages + ":\n  "
                    + report.violations().stream().map(Violation::toString).collect(Collectors.joining("\n  ")));
        }
        Files.createDirectories(output);
        ObjectNode index = RepositoryIndex.build(report.packages(), RepositoryIndex.DCOS_VERSION, new Schemas());
        String base = "repo-up-to-" + RepositoryIndex.DCOS_VERSION;
        Path indexFile = output.resolve(base + ".json");
        Files.writeString(indexFile, JsonFiles.MAPPER.writeValueAsString(index) + "\n", StandardCharsets.US_ASCII);
        Files.writeString(output.resolve(base + ".content_type"), RepositoryIndex.MEDIA_TYPE, StandardCharsets.US_ASCII);
        for (ValidatedPackage pkg : report.packages()) {
            Path dir = output.resolve("rendered").resolve(pkg.name()).resolve(Integer.toString(pkg.releaseVersion()));
            Files.createDirectories(dir);
            for (Map.Entry<String, JsonNode> app : pkg.renderedApps().entrySet()) {
                Files.writeString(dir.resolve(app.getKey() + ".json"),
                        JsonFiles.MAPPER.writeValueAsString(app.getValue()) + "\n", StandardCharsets.UTF_8);
            }
        }
        return new Built(indexFile, report.packages());
    }
}
