package day2ops.universe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule rejects bad input: one failing fixture per defect, each with the violation it must produce. */
class RuleRejectionTest {

    static List<Fixtures.Case> cases() {
        return Fixtures.cases();
    }

    @Test
    void validFixturePassesEveryRule(@TempDir Path dir) throws IOException {
        Fixtures.copyOfValid(dir);
        RepositoryValidator.Report report = RepositoryValidator.validate(dir.resolve("packages"), dir.resolve("options"));
        assertEquals(List.of(), report.violations(), "the base of every failing fixture must itself be valid");
        assertEquals(Set.of("defaults", "options"), report.packages().get(0).renderedApps().keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectsTheDefect(Fixtures.Case c, @TempDir Path dir) throws IOException {
        Fixtures.materialize(c, dir);
        RepositoryValidator.Report report = RepositoryValidator.validate(dir.resolve("packages"), dir.resolve("options"));

        assertFalse(report.valid(), c.name() + " (" + c.why() + ") was accepted");
        boolean found = report.violations().stream().anyMatch(v -> v.rule() == c.rule()
                && v.location().equals(c.location()) && v.message().contains(c.message()));
        if (!found) {
            fail(c.name() + " (" + c.why() + "): expected a " + c.rule().id() + " violation at " + c.location()
                    + " containing \"" + c.message() + "\", got:\n  "
                    + report.violations().stream().map(Violation::toString).collect(Collectors.joining("\n  ")));
        }
        assertTrue(report.packages().isEmpty(), "a package with a violation must not reach the index");
    }

    @Test
    void everyRuleHasAFailingFixture() {
        Set<Rule> covered = EnumSet.noneOf(Rule.class);
        cases().forEach(c -> covered.add(c.rule()));
        assertEquals(EnumSet.allOf(Rule.class), covered, "rules without a failing fixture");
    }

    @Test
    void everyOverlayDirectoryBelongsToACase() throws IOException {
        Set<String> names = cases().stream().map(Fixtures.Case::name).collect(Collectors.toSet());
        try (var overlays = Files.list(Fixtures.root().resolve("cases"))) {
            overlays.forEach(overlay -> assertTrue(names.contains(overlay.getFileName().toString()),
                    overlay.getFileName() + " is not listed in cases.json"));
        }
    }

    @Test
    void reportsEveryViolationNotJustTheFirst(@TempDir Path dir) throws IOException {
        Fixtures.copyOfValid(dir);
        Path pkg = dir.resolve("packages/F/fixture-app/0");
        Files.writeString(pkg.resolve("package.json"), Files.readString(pkg.resolve("package.json"))
                .replace("\"packagingVersion\": \"4.0\"", "\"packagingVersion\": \"3.0\"")
                .replace("\"name\": \"fixture-app\"", "\"name\": \"other-app\""));
        Files.writeString(pkg.resolve("resource.json"), "{\"pictures\": {}}");

        RepositoryValidator.Report report = RepositoryValidator.validate(dir.resolve("packages"), dir.resolve("options"));

        Set<Rule> rules = report.violations().stream().map(Violation::rule).collect(Collectors.toSet());
        assertEquals(Set.of(Rule.PACKAGE_SCHEMA, Rule.PACKAGE_NAME, Rule.RESOURCE_SCHEMA), rules, report.violations().toString());
    }

    @Test
    void rejectsAMissingPackagesDirectory(@TempDir Path dir) {
        RepositoryValidator.Report report = RepositoryValidator.validate(dir.resolve("nothing-here"), dir);
        assertEquals(Rule.LAYOUT, report.violations().get(0).rule());
        assertTrue(report.violations().get(0).message().contains("is not a directory of packages"));
    }
}
