package day2ops.universe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * The repository document {@code dcos package repo add} reads: every package revision as one
 * entry (package.json plus {@code releaseVersion}, the base64 Marathon template, resource and
 * config), as the Universe's {@code repo-up-to-<dcos version>.json} files are built.
 */
public final class RepositoryIndex {

    /** The media type Cosmos requires on the HTTP response that serves the index. */
    public static final String MEDIA_TYPE = "application/vnd.dcos.universe.repo+json;charset=utf-8;version=v4";

    /** The last DC/OS release; the index holds every package that runs on it. */
    public static final String DCOS_VERSION = "2.2";

    private RepositoryIndex() {
    }

    /** The index of the packages that run on DC/OS {@code dcosVersion}, validated against the v4 repository schema. */
    public static ObjectNode build(List<ValidatedPackage> packages, String dcosVersion, Schemas schemas) {
        List<ValidatedPackage> ordered = new ArrayList<>(packages);
        ordered.sort(Comparator.comparing(ValidatedPackage::name).thenComparing(ValidatedPackage::releaseVersion));
        ObjectNode index = JsonNodeFactory.instance.objectNode();
        ArrayNode entries = index.putArray("packages");
        for (ValidatedPackage pkg : ordered) {
            if (compareVersions(pkg.packageJson().path("minDcosReleaseVersion").asText("0"), dcosVersion) > 0) {
                continue;
            }
            ObjectNode entry = pkg.packageJson().deepCopy();
            entry.put("releaseVersion", pkg.releaseVersion());
            entry.putObject("marathon").put("v2AppMustacheTemplate", Base64.getEncoder().encodeToString(pkg.template()));
            if (pkg.resource() != null) {
                entry.set("resource", pkg.resource().deepCopy());
            }
            entry.set("config", pkg.config().deepCopy());
            entries.add(entry);
        }
        List<String> problems = schemas.validate(Schemas.Kind.REPOSITORY, index);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the generated index breaks the v4 repository schema: " + problems);
        }
        return index;
    }

    /** Compares dotted DC/OS release versions numerically ("1.10" is after "1.9"). */
    static int compareVersions(String left, String right) {
        String[] a = left.split("\\.");
        String[] b = right.split("\\.");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? Integer.parseInt(a[i]) : 0;
            int y = i < b.length ? Integer.parseInt(b[i]) : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    /** The template of an index entry, decoded: what Cosmos renders at install time. */
    public static String template(JsonNode entry) {
        return new String(Base64.getDecoder().decode(entry.path("marathon").path("v2AppMustacheTemplate").asText()),
                java.nio.charset.StandardCharsets.UTF_8);
    }
}
