package day2ops.universe;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders {@code marathon.json.mustache} the way Cosmos does when a package is installed: the
 * defaults of {@code config.json} merged with the user's options, plus {@code resource} holding
 * resource.json; strings JSON-escaped without quotes, integral numbers as integers, and no
 * HTML escaping (mustache.java, as in Cosmos, with its HTML encoder turned off).
 */
public final class TemplateRenderer {

    /** Thrown when the template does not compile or cannot be executed. */
    public static final class TemplateException extends Exception {
        TemplateException(String message) {
            super(message);
        }
    }

    private TemplateRenderer() {
    }

    /**
     * The document of defaults a config schema declares: each property's {@code default}, or,
     * for a property without one, the defaults of its nested {@code properties}.
     */
    public static ObjectNode defaults(JsonNode configSchema) {
        ObjectNode defaults = JsonNodeFactory.instance.objectNode();
        JsonNode properties = configSchema.path("properties");
        properties.properties().forEach(property -> {
            JsonNode definition = property.getValue();
            if (definition.has("default")) {
                defaults.set(property.getKey(), definition.get("default").deepCopy());
            } else if (definition.path("properties").isObject()) {
                defaults.set(property.getKey(), defaults(definition));
            }
        });
        return defaults;
    }

    /** {@code overlay} merged into a copy of {@code base}: objects key by key, anything else replaced. */
    public static ObjectNode merge(ObjectNode base, JsonNode overlay) {
        ObjectNode merged = base.deepCopy();
        overlay.properties().forEach(entry -> {
            JsonNode existing = merged.get(entry.getKey());
            if (existing instanceof ObjectNode existingObject && entry.getValue().isObject()) {
                merged.set(entry.getKey(), merge(existingObject, entry.getValue()));
            } else {
                merged.set(entry.getKey(), entry.getValue().deepCopy());
            }
        });
        return merged;
    }

    /** The mustache context Cosmos builds: options (already merged with defaults) plus {@code resource}. */
    public static ObjectNode context(ObjectNode options, JsonNode resource) {
        ObjectNode context = options.deepCopy();
        if (resource != null) {
            context = merge(context, JsonNodeFactory.instance.objectNode().set("resource", resource));
        }
        return context;
    }

    /** Renders {@code template} with {@code context}; the result is text that should be JSON. */
    public static String render(String template, String templateName, JsonNode context) throws TemplateException {
        Mustache mustache;
        try {
            mustache = new RawMustacheFactory().compile(new StringReader(template), templateName);
        } catch (MustacheException e) {
            throw new TemplateException("does not compile: " + e.getMessage());
        }
        StringWriter out = new StringWriter();
        try {
            mustache.execute(out, toMustacheScope(context)).flush();
        } catch (MustacheException e) {
            throw new TemplateException("does not render: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static Object toMustacheScope(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), toMustacheScope(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(element -> list.add(toMustacheScope(element)));
            return list;
        }
        if (node.isTextual()) {
            return new String(JsonStringEncoder.getInstance().quoteAsString(node.textValue()));
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return number(node.decimalValue());
        }
        return null;
    }

    /** Cosmos passes a number as an int when it is one, else as a double. */
    private static Object number(BigDecimal value) {
        try {
            return value.intValueExact();
        } catch (ArithmeticException notAnInt) {
            return value.doubleValue();
        }
    }

    /** mustache.java without HTML escaping: the output is JSON, not HTML. */
    private static final class RawMustacheFactory extends DefaultMustacheFactory {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new MustacheException("cannot write rendered value", e);
            }
        }
    }
}
