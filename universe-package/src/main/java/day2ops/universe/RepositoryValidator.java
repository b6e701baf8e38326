package day2ops.universe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks a Universe package tree ({@code packages/<LETTER>/<name>/<revision>/}) and the example
 * options for it against every {@link Rule}, collecting all violations rather than stopping at
 * the first, and renders each package's Marathon app with its defaults and its example options.
 */
public final class RepositoryValidator {

    static final Pattern PACKAGE_NAME = Pattern.compile("^[a-z][a-z0-9-]*[a-z0-9]$");
    private static final Pattern REVISION = Pattern.compile("^(0|[1-9][0-9]*)$");
    private static final Pattern LETTER = Pattern.compile("^[A-Z]$");
    private static final Set<String> PACKAGE_FILES =
            Set.of("package.json", "config.json", "resource.json", "marathon.json.mustache");

    /** What the validation found: the packages that passed and every violation. */
    public record Report(List<ValidatedPackage> packages, List<Violation> violations) {
        public boolean valid() {
            return violations.isEmpty();
        }
    }

    /** Compiled once: the schemas never change while the build runs. */
    private static final Schemas SCHEMAS = new Schemas();

    private final Schemas schemas = SCHEMAS;
    private final Path packagesRoot;
    private final Path optionsDir;
    private final List<Violation> violations = new ArrayList<>();

    private RepositoryValidator(Path packagesRoot, Path optionsDir) {
        this.packagesRoot = packagesRoot;
        this.optionsDir = optionsDir;
    }

    /**
     * Validates every package under {@code packagesRoot}; {@code optionsDir} holds one non-default
     * options file per package, named {@code <package name>.json}.
     */
    public static Report validate(Path packagesRoot, Path optionsDir) {
        return new RepositoryValidator(packagesRoot, optionsDir).run();
    }

    private Report run() {
        List<ValidatedPackage> packages = new ArrayList<>();
        if (!Files.isDirectory(packagesRoot)) {
            violations.add(new Violation(packagesRoot.toString(), Rule.LAYOUT, "is not a directory of packages"));
            return new Report(packages, violations);
        }
        Map<String, Map<String, Integer>> versionsByPackage = new HashMap<>();
        Set<String> packageNames = new HashSet<>();
        for (Path letter : children(packagesRoot)) {
            String letterName = letter.getFileName().toString();
            if (!Files.isDirectory(letter) || !LETTER.matcher(letterName).matches()) {
                violation(letter, Rule.LAYOUT, "expected only directories named by one capital letter under packages/");
                continue;
            }
            for (Path packageDir : children(letter)) {
                String name = packageDir.getFileName().toString();
                packageNames.add(name);
                int beforeDirectory = violations.size();
                if (!Files.isDirectory(packageDir)) {
                    violation(packageDir, Rule.LAYOUT, "expected a package directory");
                    continue;
                }
                if (!PACKAGE_NAME.matcher(name).matches()) {
                    violation(packageDir, Rule.PACKAGE_NAME, "package directory name \"" + name
                            + "\" does not match " + PACKAGE_NAME.pattern());
                } else if (!letterName.equals(name.substring(0, 1).toUpperCase())) {
                    violation(packageDir, Rule.LAYOUT, "package \"" + name + "\" belongs under "
                            + name.substring(0, 1).toUpperCase() + "/, not " + letterName + "/");
                }
                // A package filed under a wrong name or letter is reported, and still checked inside,
                // but it does not reach the index.
                boolean directoryValid = violations.size() == beforeDirectory;
                List<Path> revisions = children(packageDir);
                if (revisions.isEmpty()) {
                    violation(packageDir, Rule.LAYOUT, "has no revision directory (0, 1, ...)");
                }
                for (Path revision : revisions) {
                    String revisionName = revision.getFileName().toString();
                    if (!Files.isDirectory(revision) || !REVISION.matcher(revisionName).matches()) {
                        violation(revision, Rule.LAYOUT, "expected a revision directory named by a non-negative integer"
                                + " without leading zeros, found \"" + revisionName + "\"");
                        continue;
                    }
                    validatePackage(revision, name, Integer.parseInt(revisionName)).filter(pkg -> directoryValid).ifPresent(pkg -> {
                        packages.add(pkg);
                        String version = pkg.packageJson().path("version").asText();
                        Integer earlier = versionsByPackage.computeIfAbsent(name, n -> new HashMap<>())
                                .putIfAbsent(version, pkg.releaseVersion());
                        if (earlier != null) {
                            violation(revision, Rule.LAYOUT, "version " + version + " is already released as revision "
                                    + earlier + "; each revision needs its own version");
                        }
                    });
                }
            }
        }
        checkOrphanOptions(packageNames);
        if (packages.isEmpty() && violations.isEmpty()) {
            violations.add(new Violation(packagesRoot.toString(), Rule.LAYOUT, "holds no package"));
        }
        return new Report(packages, violations);
    }

    private Optional<ValidatedPackage> validatePackage(Path dir, String directoryName, int releaseVersion) {
        int before = violations.size();
        for (Path file : children(dir)) {
            if (!PACKAGE_FILES.contains(file.getFileName().toString())) {
                violation(file, Rule.LAYOUT, "unexpected file; a package revision holds only " + PACKAGE_FILES.stream().sorted().toList());
            }
        }
        Optional<JsonNode> packageJson = readJson(dir.resolve("package.json"), true);
        Optional<JsonNode> config = readJson(dir.resolve("config.json"), true);
        Optional<JsonNode> resource = readJson(dir.resolve("resource.json"), false);
        Path templateFile = dir.resolve("marathon.json.mustache");
        Optional<byte[]> template = readBytes(templateFile, true);

        packageJson.ifPresent(json -> checkPackageJson(dir.resolve("package.json"), json, directoryName));
        config.ifPresent(json -> checkConfig(dir.resolve("config.json"), json));
        resource.ifPresent(json -> schemaViolations(dir.resolve("resource.json"), Rule.RESOURCE_SCHEMA,
                schemas.validate(Schemas.Kind.RESOURCE, json)));
        if (violations.size() > before || packageJson.isEmpty() || config.isEmpty() || template.isEmpty()) {
            return Optional.empty();
        }

        Map<String, JsonNode> rendered = new LinkedHashMap<>();
        ObjectNode defaults = TemplateRenderer.defaults(config.get());
        List<String> defaultProblems = Schemas.validateAgainst(config.get(), defaults);
        if (!defaultProblems.isEmpty()) {
            schemaViolations(dir.resolve("config.json"), Rule.OPTIONS,
                    defaultProblems.stream().map(p -> "default options do not satisfy config.json: " + p).toList());
        } else {
            renderAndCheck(templateFile, "defaults", defaults, resource.orElse(null)).ifPresent(app -> rendered.put("defaults", app));
        }
        exampleOptions(directoryName).ifPresent(options -> {
            ObjectNode merged = TemplateRenderer.merge(defaults, options.json());
            if (merged.equals(defaults)) {
                violation(options.file(), Rule.OPTIONS, "changes no default, so it does not exercise the template");
                return;
            }
            List<String> problems = Schemas.validateAgainst(config.get(), merged);
            if (!problems.isEmpty()) {
                schemaViolations(options.file(), Rule.OPTIONS,
                        problems.stream().map(p -> "does not satisfy config.json of " + directoryName + ": " + p).toList());
                return;
            }
            renderAndCheck(templateFile, "options", merged, resource.orElse(null)).ifPresent(app -> rendered.put("options", app));
        });
        if (violations.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new ValidatedPackage(directoryName, releaseVersion, dir, packageJson.get(), config.get(),
                resource.orElse(null), template.get(), rendered));
    }

    private void checkPackageJson(Path file, JsonNode json, String directoryName) {
        schemaViolations(file, Rule.PACKAGE_SCHEMA, schemas.validate(Schemas.Kind.PACKAGE, json));
        String name = json.path("name").asText(null);
        if (name != null && !name.equals(directoryName)) {
            violation(file, Rule.PACKAGE_NAME, "name \"" + name + "\" differs from its directory \"" + directoryName + "\"");
        }
    }

    private void checkConfig(Path file, JsonNode json) {
        List<String> problems = new ArrayList<>(schemas.validate(Schemas.Kind.CONFIG_META, json));
        if (!"object".equals(json.path("type").asText()) || !json.path("properties").isObject()) {
            problems.add("$: the root must be {\"type\": \"object\", \"properties\": {...}} so Cosmos can read the options and their defaults");
        }
        schemaViolations(file, Rule.CONFIG_SCHEMA, problems);
        if (problems.isEmpty() && !json.path("properties").path("service").path("properties").path("name").has("default")) {
            violation(file, Rule.DAY2OPS_CONVENTIONS, "has no service.name option with a default; it names the Marathon app and the DC/OS service");
        }
    }

    private Optional<JsonNode> renderAndCheck(Path templateFile, String variant, ObjectNode options, JsonNode resource) {
        String location = relative(templateFile) + " rendered with " + (variant.equals("defaults") ? "the defaults" : "the example options");
        String text;
        try {
            text = TemplateRenderer.render(Files.readString(templateFile, StandardCharsets.UTF_8),
                    templateFile.getFileName().toString(), TemplateRenderer.context(options, resource));
        } catch (TemplateRenderer.TemplateException e) {
            violations.add(new Violation(relative(templateFile), Rule.TEMPLATE, e.getMessage()));
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode app;
        try {
            app = JsonFiles.parse(text);
        } catch (JsonFiles.JsonSyntaxException e) {
            violations.add(new Violation(location, Rule.TEMPLATE, "the result " + e.getMessage()));
            return Optional.empty();
        }
        if (!app.isObject()) {
            violations.add(new Violation(location, Rule.TEMPLATE, "the result is not a JSON object, Marathon expects one app"));
            return Optional.empty();
        }
        List<String> schemaProblems = schemas.validate(Schemas.Kind.MARATHON_APP, app);
        schemaProblems.forEach(p -> violations.add(new Violation(location, Rule.MARATHON_SCHEMA, p)));
        if (!schemaProblems.isEmpty()) {
            return Optional.empty();
        }
        List<String> ruleProblems = MarathonAppRules.check(app);
        ruleProblems.forEach(p -> violations.add(new Violation(location, Rule.MARATHON_RULES, p)));
        List<String> conventionProblems = Day2opsConventions.check(app, options);
        conventionProblems.forEach(p -> violations.add(new Violation(location, Rule.DAY2OPS_CONVENTIONS, p)));
        return ruleProblems.isEmpty() && conventionProblems.isEmpty() ? Optional.of(app) : Optional.empty();
    }

    private record Options(Path file, JsonNode json) {
    }

    private Optional<Options> exampleOptions(String packageName) {
        Path file = optionsDir.resolve(packageName + ".json");
        if (!Files.isRegularFile(file)) {
            violation(file, Rule.OPTIONS,
                    "missing: every package needs a non-default options file, rendered and validated by the build");
            return Optional.empty();
        }
        return readJson(file, true).flatMap(json -> {
            if (!json.isObject()) {
                violation(file, Rule.OPTIONS, "must be a JSON object of options");
                return Optional.empty();
            }
            return Optional.of(new Options(file, json));
        });
    }

    private void checkOrphanOptions(Set<String> packageNames) {
        if (!Files.isDirectory(optionsDir)) {
            return;
        }
        for (Path file : children(optionsDir)) {
            String fileName = file.getFileName().toString();
            String name = fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
            if (!packageNames.contains(name)) {
                violation(file, Rule.OPTIONS, "belongs to no package (expected <package name>.json)");
            }
        }
    }

    private Optional<JsonNode> readJson(Path file, boolean required) {
        return readBytes(file, required).flatMap(bytes -> {
            try {
                return Optional.of(JsonFiles.parse(new String(bytes, StandardCharsets.UTF_8)));
            } catch (JsonFiles.JsonSyntaxException e) {
                violation(file, Rule.JSON_SYNTAX, e.getMessage());
                return Optional.empty();
            }
        });
    }

    private Optional<byte[]> readBytes(Path file, boolean required) {
        if (!Files.isRegularFile(file)) {
            if (required) {
                violation(file, Rule.LAYOUT, "is missing");
            }
            return Optional.empty();
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            JsonFiles.firstNonAscii(bytes).ifPresent(problem -> violation(file, Rule.ASCII_ONLY, problem));
            return Optional.of(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void schemaViolations(Path file, Rule rule, List<String> problems) {
        problems.forEach(p -> violation(file, rule, p));
    }

    private void violation(Path file, Rule rule, String message) {
        violations.add(new Violation(relative(file), rule, message));
    }

    /** Paths as a reader finds them: relative to the directory that holds packages/ (or the options). */
    private String relative(Path file) {
        Path absolute = file.toAbsolutePath();
        for (Path root : List.of(packagesRoot, optionsDir)) {
            Path base = root.toAbsolutePath().getParent();
            if (base != null && absolute.startsWith(base)) {
                return base.relativize(absolute).toString();
            }
        }
        return file.toString();
    }

    private static List<Path> children(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
