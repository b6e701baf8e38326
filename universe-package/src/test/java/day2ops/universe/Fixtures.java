package day2ops.universe;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The failing fixtures under {@code src/test/resources/fixtures}: {@code valid/} is a small package
 * that passes every rule, and each entry of {@code cases.json} turns a copy of it into a package
 * with one defect (files from {@code cases/<case>/} replace or add files, then the listed paths
 * are deleted or moved).
 */
final class Fixtures {

    /** One failing fixture and the violation it must produce. */
    record Case(String name, String why, Rule rule, String location, String message, List<String> delete, List<List<String>> move) {
        @Override
        public String toString() {
            return name;
        }
    }

    private Fixtures() {
    }

    static Path root() {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Case> cases() {
        try {
            JsonNode json = JsonFiles.MAPPER.readTree(root().resolve("cases.json").toFile());
            List<Case> cases = new ArrayList<>();
            for (JsonNode c : json) {
                List<String> delete = new ArrayList<>();
                c.path("delete").forEach(d -> delete.add(d.asText()));
                List<List<String>> move = new ArrayList<>();
                c.path("move").forEach(m -> move.add(List.of(m.get(0).asText(), m.get(1).asText())));
                cases.add(new Case(c.get("case").asText(), c.get("why").asText(), rule(c.get("rule").asText()),
                        c.get("location").asText(), c.get("message").asText(), delete, move));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh copy of {@code valid/} in {@code target}, with the case's defect applied. */
    static Path materialize(Case c, Path target) throws IOException {
        copyTree(root().resolve("valid"), target);
        Path overlay = root().resolve("cases").resolve(c.name());
        if (Files.isDirectory(overlay)) {
            copyTree(overlay, target);
        }
        for (String path : c.delete()) {
            Files.delete(target.resolve(path));
        }
        for (List<String> move : c.move()) {
            Path to = target.resolve(move.get(1));
            Files.createDirectories(to.getParent());
            Path from = target.resolve(move.get(0));
            if (Files.exists(to)) {
                // The overlay already put the defective file at the new path: merge the rest in.
                copyTree(from, to, false);
                deleteTree(from);
            } else {
                Files.move(from, to);
            }
        }
        return target;
    }

    static Path copyOfValid(Path target) throws IOException {
        copyTree(root().resolve("valid"), target);
        return target;
    }

    private static Rule rule(String id) {
        for (Rule rule : Rule.values()) {
            if (rule.id().equals(id)) {
                return rule;
            }
        }
        throw new IllegalArgumentException("cases.json names an unknown rule " + id);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        copyTree(from, to, true);
    }

    private static void copyTree(Path from, Path to, boolean replace) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path destination = to.resolve(from.relativize(file).toString());
                if (replace || !Files.exists(destination)) {
                    Files.copy(file, destination, StandardCopyOption.REPLACE_EXISTING);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
