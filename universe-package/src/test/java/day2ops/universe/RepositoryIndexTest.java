package day2ops.universe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository index: v4 format, base64 templates, releaseVersion, and self-sufficient for Cosmos. */
class RepositoryIndexTest {

    @TempDir
    static Path output;

    private static Path indexFile;
    private static JsonNode index;
    private static RepositoryValidator.Report report;

    @BeforeAll
    static void buildRepository() throws Exception {
        indexFile = BuildRepository.build(RealPackagesTest.packagesDir(), RealPackagesTest.optionsDir(), output).index();
        index = JsonFiles.MAPPER.readTree(indexFile.toFile());
        report = RepositoryValidator.validate(RealPackagesTest.packagesDir(), RealPackagesTest.optionsDir());
    }

    @Test
    void writesTheIndexWithItsMediaType() throws Exception {
        assertEquals("repo-up-to-2.2.json", indexFile.getFileName().toString());
        assertEquals("application/vnd.dcos.universe.repo+json;charset=utf-8;version=v4",
                Files.readString(output.resolve("repo-up-to-2.2.content_type")));
        assertTrue(JsonFiles.firstNonAscii(Files.readAllBytes(indexFile)).isEmpty());
        assertEquals(List.of(), new Schemas().validate(Schemas.Kind.REPOSITORY, index));
    }

    @Test
    void listsEveryPackageRevisionWithItsFiles() throws Exception {
        List<String> names = new ArrayList<>();
        for (JsonNode entry : index.get("packages")) {
            String name = entry.get("name").asText();
            names.add(name);
            Path dir = RealPackagesTest.packagesDir().resolve("D").resolve(name).resolve("0");
            assertEquals(0, entry.get("releaseVersion").asInt());
            assertEquals("4.0", entry.get("packagingVersion").asText());
            assertArrayEquals(Files.readAllBytes(dir.resolve("marathon.json.mustache")),
                    Base64.getDecoder().decode(entry.get("marathon").get("v2AppMustacheTemplate").asText()));
            assertEquals(JsonFiles.MAPPER.readTree(dir.resolve("config.json").toFile()), entry.get("config"));
            assertEquals(JsonFiles.MAPPER.readTree(dir.resolve("resource.json").toFile()), entry.get("resource"));
            assertEquals(JsonFiles.MAPPER.readTree(dir.resolve("package.json").toFile()).get("description"), entry.get("description"));
        }
        assertEquals(List.of("day2ops-debug", "day2ops-diagnostics", "day2ops-logs", "day2ops-metrics"), names);
    }

    @Test
    void eachEntryRendersTheSameAppAsThePackageFiles() throws Exception {
        for (JsonNode entry : index.get("packages")) {
            ObjectNode defaults = TemplateRenderer.defaults(entry.get("config"));
            String rendered = TemplateRenderer.render(RepositoryIndex.template(entry), "index",
                    TemplateRenderer.context(defaults, entry.get("resource")));
            ValidatedPackage pkg = report.packages().stream()
                    .filter(p -> p.name().equals(entry.get("name").asText())).findFirst().orElseThrow();
            assertEquals(pkg.renderedApps().get("defaults"), JsonFiles.parse(rendered), entry.get("name").asText());
        }
    }

    @Test
    void writesTheRenderedAppsForReview() throws Exception {
        for (ValidatedPackage pkg : report.packages()) {
            Path dir = output.resolve("rendered").resolve(pkg.name()).resolve("0");
            assertEquals(pkg.renderedApps().get("defaults"), JsonFiles.MAPPER.readTree(dir.resolve("defaults.json").toFile()));
            assertEquals(pkg.renderedApps().get("options"), JsonFiles.MAPPER.readTree(dir.resolve("options.json").toFile()));
        }
    }

    @Test
    void leavesOutPackagesThatNeedANewerDcos() {
        Schemas schemas = new Schemas();
        assertEquals(0, RepositoryIndex.build(report.packages(), "1.9", schemas).get("packages").size());
        assertEquals(4, RepositoryIndex.build(report.packages(), "1.10", schemas).get("packages").size());
    }

    @Test
    void comparesDcosVersionsNumerically() {
        assertTrue(RepositoryIndex.compareVersions("1.10", "1.9") > 0);
        assertTrue(RepositoryIndex.compareVersions("1.10", "2.2") < 0);
        assertEquals(0, RepositoryIndex.compareVersions("2.2", "2.2.0"));
    }

    @Test
    void refusesToBuildAnInvalidRepository(@TempDir Path dir) throws Exception {
        Fixtures.Case unique = Fixtures.cases().stream().filter(c -> c.name().equals("conventions-unique")).findFirst().orElseThrow();
        Fixtures.materialize(unique, dir.resolve("repo"));
        Path out = dir.resolve("out");

        BuildRepository.InvalidRepositoryException e = assertThrows(BuildRepository.InvalidRepositoryException.class,
                () -> BuildRepository.build(dir.resolve("repo/packages"), dir.resolve("repo/options"), out));

        assertTrue(e.getMessage().contains("[\"hostname\", \"UNIQUE\"] is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("[day2ops-conventions]"), e.getMessage());
        assertFalse(Files.exists(out.resolve("repo-up-to-2.2.json")));
    }
}
