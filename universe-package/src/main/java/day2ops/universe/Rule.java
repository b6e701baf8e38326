package day2ops.universe;

/** The checks the build runs on every package; each violation names the rule it broke. */
public enum Rule {
    /** Every JSON file (and the Marathon template) is plain ASCII. */
    ASCII_ONLY("ascii-only"),
    /** Every JSON file parses: no trailing commas, comments or duplicate keys. */
    JSON_SYNTAX("json-syntax"),
    /** {@code packages/<LETTER>/<name>/<revision>/} with the files a package needs. */
    LAYOUT("layout"),
    /** The directory name equals {@code package.json} name, which matches the Universe pattern. */
    PACKAGE_NAME("package-name"),
    /** {@code package.json} against the Universe package schema (packaging version 4.0). */
    PACKAGE_SCHEMA("package-schema"),
    /** {@code config.json} against the config meta-schema (JSON Schema draft-04). */
    CONFIG_SCHEMA("config-schema"),
    /** {@code resource.json} against the v3 resource schema. */
    RESOURCE_SCHEMA("resource-schema"),
    /** Default and example options satisfy {@code config.json}, as Cosmos checks before rendering. */
    OPTIONS("options"),
    /** {@code marathon.json.mustache} compiles and renders into a JSON object. */
    TEMPLATE("template"),
    /** The rendered app against Marathon's AppDefinition schema. */
    MARATHON_SCHEMA("marathon-schema"),
    /** The rendered app against Marathon's validation rules a schema cannot state. */
    MARATHON_RULES("marathon-rules"),
    /** What every day2ops node service must do: one per agent, ready checks, labels, rolling upgrade. */
    DAY2OPS_CONVENTIONS("day2ops-conventions");

    private final String id;

    Rule(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
