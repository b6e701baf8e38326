package day2ops.universe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Rendering follows Cosmos: defaults from nested properties, deep merge, JSON-escaped strings, no HTML escaping. */
class TemplateRendererTest {

    private static JsonNode json(String text) throws Exception {
        return JsonFiles.parse(text);
    }

    @Test
    void collectsDefaultsFromNestedProperties() throws Exception {
        JsonNode config = json("""
                {"type": "object", "properties": {
                  "service": {"type": "object", "properties": {
                    "name": {"type": "string", "default": "svc"},
                    "cpus": {"type": "number", "default": 0.5},
                    "tags": {"type": "array"}}},
                  "whole": {"type": "object", "default": {"a": 1}, "properties": {"a": {"type": "integer", "default": 2}}},
                  "port": {"type": "integer", "default": 80}}}
                """);
        assertEquals(json("{\"service\": {\"name\": \"svc\", \"cpus\": 0.5}, \"whole\": {\"a\": 1}, \"port\": 80}"),
                TemplateRenderer.defaults(config));
    }

    @Test
    void mergesOptionsIntoDefaultsKeyByKey() throws Exception {
        ObjectNode defaults = (ObjectNode) json("{\"service\": {\"name\": \"svc\", \"cpus\": 0.5}, \"list\": [1, 2]}");
        JsonNode merged = TemplateRenderer.merge(defaults, json("{\"service\": {\"cpus\": 2}, \"list\": [3]}"));
        assertEquals(json("{\"service\": {\"name\": \"svc\", \"cpus\": 2}, \"list\": [3]}"), merged);
        assertEquals(json("{\"service\": {\"name\": \"svc\", \"cpus\": 0.5}, \"list\": [1, 2]}"), defaults, "defaults untouched");
    }

    @Test
    void escapesStringsForJsonAndNotForHtml() throws Exception {
        JsonNode context = json("{\"v\": \"<a href=\\\"x\\\">&</a>\\n\\\\ done\"}");
        String rendered = TemplateRenderer.render("{\"value\": \"{{v}}\"}", "t", context);
        assertEquals("{\"value\": \"<a href=\\\"x\\\">&</a>\\n\\\\ done\"}", rendered);
        assertEquals("<a href=\"x\">&</a>\n\\ done", JsonFiles.parse(rendered).get("value").asText());
    }

    @Test
    void writesIntegralNumbersAsIntegers() throws Exception {
        String rendered = TemplateRenderer.render("{{a}} {{b}} {{c}}", "t", json("{\"a\": 2.0, \"b\": 0.25, \"c\": 3000000000}"));
        assertEquals("2 0.25 3.0E9", rendered);
    }

    @Test
    void sectionsFollowBooleansAndEmptyStrings() throws Exception {
        String template = "{{#on}}on{{/on}}{{^on}}off{{/on}} {{#s}}[{{s}}]{{/s}}{{^s}}none{{/s}}";
        assertEquals("on [x]", TemplateRenderer.render(template, "t", json("{\"on\": true, \"s\": \"x\"}")));
        assertEquals("off none", TemplateRenderer.render(template, "t", json("{\"on\": false, \"s\": \"\"}")));
    }

    @Test
    void resourceIsAvailableUnderItsOwnKey() throws Exception {
        ObjectNode options = (ObjectNode) json("{\"service\": {\"name\": \"svc\"}}");
        JsonNode context = TemplateRenderer.context(options, json("{\"assets\": {\"container\": {\"docker\": {\"app-image\": \"r/i:1\"}}}}"));
        assertEquals("r/i:1 svc", TemplateRenderer.render("{{resource.assets.container.docker.app-image}} {{service.name}}", "t", context));
    }

    @Test
    void rejectsAnUnclosedSection() {
        TemplateRenderer.TemplateException e = assertThrows(TemplateRenderer.TemplateException.class,
                () -> TemplateRenderer.render("{\n  {{#open}}\n}", "marathon.json.mustache", json("{}")));
        assertTrue(e.getMessage().startsWith("does not compile"), e.getMessage());
    }
}
