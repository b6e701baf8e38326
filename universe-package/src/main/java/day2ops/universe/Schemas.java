package day2ops.universe;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The project's own JSON schemas (under {@code day2ops/universe/schema/}), written from the
 * published Universe and Marathon formats, and validation against them.
 */
public final class Schemas {

    /** Which document a schema describes. */
    public enum Kind {
        PACKAGE("package.schema.json"),
        CONFIG_META("config-meta.schema.json"),
        RESOURCE("resource.schema.json"),
        MARATHON_APP("marathon-app.schema.json"),
        REPOSITORY("repository.schema.json");

        private final String resource;

        Kind(String resource) {
            this.resource = resource;
        }
    }

    /** Draft-04, as Universe and Cosmos use; locations written as JSON paths ({@code $.container.docker}). */
    private static final SchemaRegistry DRAFT_4 = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4,
            registry -> registry.schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_PATH).build()));

    private final Map<Kind, Schema> schemas = new EnumMap<>(Kind.class);

    public Schemas() {
        for (Kind kind : Kind.values()) {
            schemas.put(kind, DRAFT_4.getSchema(read(kind.resource)));
        }
    }

    /** Validates {@code document}; each message names the JSON path it is about. */
    public List<String> validate(Kind kind, JsonNode document) {
        return describe(schemas.get(kind).validate(document));
    }

    /**
     * Validates {@code document} against a schema given as JSON (a package's config.json).
     * The caller has checked the schema against the config meta-schema first.
     */
    public static List<String> validateAgainst(JsonNode schema, JsonNode document) {
        return describe(DRAFT_4.getSchema(schema).validate(document));
    }

    private static List<String> describe(List<Error> errors) {
        return errors.stream().map(Schemas::describe).distinct().toList();
    }

    private static String describe(Error error) {
        String message = error.getMessage();
        String location = error.getInstanceLocation().toString();
        return message.startsWith(location) ? message : location + ": " + message;
    }

    private static JsonNode read(String name) {
        String path = "/day2ops/universe/schema/" + name;
        try (InputStream in = Schemas.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("schema " + path + " is missing from the class path");
            }
            return JsonFiles.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + path, e);
        }
    }
}
