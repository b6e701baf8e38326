package day2ops.universe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import day2ops.common.audit.AuditConfig;
import day2ops.common.rest.ServiceIdentity;
import day2ops.debug.config.DebugConfig;
import day2ops.diagnostics.config.DiagnosticsConfig;
import day2ops.logs.config.LogsConfig;
import day2ops.metrics.config.MetricsConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every variable a package sets configures its service, and every option reaches the property it
 * names. The rendered {@code env} of each app (defaults and the example options) becomes an
 * {@link EnvConfigSource} over the service's own {@code application.properties}, with the
 * service's {@code @ConfigMapping} interfaces registered and unknown properties rejected, as the
 * service's runtime configuration is built. A variable that lands in no mapped property, nor in
 * the short list of Quarkus and MicroProfile JWT properties, fails with its name.
 */
class PackagesConfigureTheServicesTest {

    /** Each package's service mapping; every service also carries common's {@link #COMMON_MAPPINGS}. */
    private static final Map<String, Class<?>> SERVICE_MAPPINGS = Map.of(
            "day2ops-logs", LogsConfig.class,
            "day2ops-metrics", MetricsConfig.class,
            "day2ops-diagnostics", DiagnosticsConfig.class,
            "day2ops-debug", DebugConfig.class);

    private static final List<Class<?>> COMMON_MAPPINGS = List.of(ServiceIdentity.class, AuditConfig.class);

    /** Variables read by Quarkus and SmallRye JWT rather than by a day2ops mapping: variable to property. */
    private static final Map<String, String> PLATFORM_VARIABLES = Map.of(
            "QUARKUS_HTTP_PORT", "quarkus.http.port",
            "QUARKUS_HTTP_HOST", "quarkus.http.host",
            "QUARKUS_LOG_LEVEL", "quarkus.log.level",
            "MP_JWT_VERIFY_PUBLICKEY", "mp.jwt.verify.publickey",
            "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "mp.jwt.verify.publickey.location",
            "MP_JWT_VERIFY_ISSUER", "mp.jwt.verify.issuer");

    /** What Marathon adds to every task's environment (its {@code HOST} is the agent's address). */
    private static final Map<String, String> MARATHON_TASK_ENV = Map.of("HOST", "10.0.7.21");

    /** The value a Marathon secret reference stands for in these tests. */
    private static final String SECRET_VALUE = "-----BEGIN PUBLIC KEY-----\nfrom a DC/OS secret\n-----END PUBLIC KEY-----\n";

    /** Options that only shape the Marathon app (id, resources, placement, image), not the service. */
    private static final Set<String> MARATHON_OPTIONS = Set.of("service.name", "service.instances", "service.cpus",
            "service.mem", "service.user", "service.include_public_agents", "service.image", "service.force_pull_image");

    /** The JWT key options: exactly one of them reaches the service (see {@link #keySourceOf}). */
    private static final Set<String> KEY_OPTIONS = Set.of("auth.public_key_location", "auth.public_key", "auth.public_key_secret");

    /** The property an option sets, and the value it gets from the option's value. */
    private record Target(String property, Function<JsonNode, String> value) {
        static Target same(String property) {
            return new Target(property, JsonNode::asText);
        }
    }

    private static final Map<String, Target> COMMON_OPTIONS = Map.of(
            "http.port", Target.same("quarkus.http.port"),
            "http.host", Target.same("quarkus.http.host"),
            "service.log_level", Target.same("quarkus.log.level"),
            "auth.issuer", Target.same("mp.jwt.verify.issuer"));

    private static final Map<String, Map<String, Target>> SERVICE_OPTIONS = Map.of(
            "day2ops-logs", Map.of(
                    "mesos.agent_url", Target.same("logs.mesos.agent-url"),
                    "mesos.master_url", Target.same("logs.mesos.master-url"),
                    "mesos.work_dir", Target.same("logs.mesos.work-dir")),
            "day2ops-metrics", Map.of(
                    "mesos.agent_url", Target.same("metrics.mesos.agent-url"),
                    "metrics.statsd_port", Target.same("metrics.statsd.port"),
                    "metrics.prometheus_port", Target.same("metrics.prometheus.port")),
            "day2ops-diagnostics", Map.of(
                    "diagnostics.bundle_dir", Target.same("diagnostics.bundle-dir"),
                    "diagnostics.public_agents", new Target("diagnostics.node.role",
                            publicAgents -> publicAgents.asBoolean() ? "agent_public" : "agent")),
            "day2ops-debug", Map.of(
                    "mesos.agent_url", Target.same("debug.mesos.agent-url"),
                    "marathon.url", Target.same("debug.marathon.url"),
                    "debug.exec_backend", Target.same("debug.exec.backend")));

    private static RepositoryValidator.Report report;

    @BeforeAll
    static void validateRepository() {
        report = RepositoryValidator.validate(RealPackagesTest.packagesDir(), RealPackagesTest.optionsDir());
        assertEquals(List.of(), report.violations());
    }

    static Stream<Arguments> packagesAndVariants() {
        return SERVICE_MAPPINGS.keySet().stream().sorted()
                .flatMap(name -> Stream.of(Arguments.of(name, "defaults"), Arguments.of(name, "options")));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("packagesAndVariants")
    void everyRenderedVariableLandsInAPropertyOfTheService(String name, String variant) {
        Map<String, String> env = taskEnv(pkg(name), variant);
        Class<?> mapping = SERVICE_MAPPINGS.get(name);
        SmallRyeConfig config = serviceConfig(mapping, env);
        Map<String, Leaf> leaves = leaves(mappings(mapping));

        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> variable : renderedEnv(pkg(name), variant).entrySet()) {
            String expected = expand(env.get(variable.getKey()));
            String platformProperty = PLATFORM_VARIABLES.get(variable.getKey());
            if (platformProperty != null) {
                String actual = config.getConfigValue(platformProperty).getValue();
                if (!expected.equals(actual)) {
                    problems.add(variable.getKey() + " = \"" + expected + "\" but " + platformProperty + " is \"" + actual + "\"");
                }
                continue;
            }
            Leaf leaf = leafOfVariable(leaves, variable.getKey());
            if (leaf == null) {
                problems.add(variable.getKey() + " configures nothing: no property of " + mappingNames(mapping)
                        + " has this environment form, and it is not one of the Quarkus variables " + new TreeMap<>(PLATFORM_VARIABLES).keySet());
                continue;
            }
            String mismatch = leaf.mismatch(config, expected);
            if (mismatch != null) {
                problems.add(variable.getKey() + " -> " + leaf.property() + ": " + mismatch);
            }
        }
        assertEquals(List.of(), problems, () -> name + " (" + variant + "):\n" + String.join("\n", problems));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("packagesAndVariants")
    void everyOptionReachesThePropertyItNames(String name, String variant) {
        ValidatedPackage pkg = pkg(name);
        ObjectNode options = mergedOptions(pkg, variant);
        Class<?> mapping = SERVICE_MAPPINGS.get(name);
        SmallRyeConfig config = serviceConfig(mapping, taskEnv(pkg, variant));
        Map<String, Leaf> leaves = leaves(mappings(mapping));
        Map<String, Target> targets = new LinkedHashMap<>(COMMON_OPTIONS);
        targets.putAll(SERVICE_OPTIONS.get(name));

        List<String> problems = new ArrayList<>();
        List<String> optionPaths = optionPaths(pkg.config(), "");
        for (String option : optionPaths) {
            if (MARATHON_OPTIONS.contains(option) || KEY_OPTIONS.contains(option)) {
                continue;
            }
            Target target = targets.get(option);
            if (target == null) {
                problems.add(option + ": an option of config.json that this test does not know to configure any property");
                continue;
            }
            String expected = expand(target.value().apply(at(options, option)));
            Leaf leaf = leaves.get(target.property());
            if (leaf != null) {
                String mismatch = leaf.mismatch(config, expected);
                if (mismatch != null) {
                    problems.add(option + " -> " + target.property() + ": " + mismatch);
                }
            } else if (expected.isEmpty()) {
                // An empty option leaves the property unset (e.g. no issuer check).
                Optional<String> actual = config.getOptionalValue(target.property(), String.class);
                if (actual.isPresent()) {
                    problems.add(option + " is empty but " + target.property() + " is \"" + actual.get() + "\"");
                }
            } else if (!expected.equals(config.getConfigValue(target.property()).getValue())) {
                problems.add(option + " = \"" + expected + "\" but " + target.property() + " is \""
                        + config.getConfigValue(target.property()).getValue() + "\"");
            }
        }
        for (String option : targets.keySet()) {
            if (!optionPaths.contains(option)) {
                problems.add(option + ": listed here as configuring " + targets.get(option).property() + " but not an option of config.json");
            }
        }
        assertEquals(List.of(), problems, () -> name + " (" + variant + "):\n" + String.join("\n", problems));
    }

    @ParameterizedTest
    @MethodSource("packageNames")
    void exampleOptionsGiveEveryServiceOptionANonDefaultValue(String name) {
        // Otherwise a template that ignores an option and writes its default would pass unnoticed.
        ObjectNode defaults = mergedOptions(pkg(name), "defaults");
        ObjectNode example = mergedOptions(pkg(name), "options");
        for (String option : SERVICE_OPTIONS.get(name).keySet()) {
            assertTrue(!at(defaults, option).equals(at(example, option)),
                    option + " keeps its default " + at(defaults, option) + " in examples/options/" + name + ".json");
        }
    }

    @ParameterizedTest
    @MethodSource("packageNames")
    void everyOptionChangesTheRenderedApp(String name) throws Exception {
        ValidatedPackage pkg = pkg(name);
        String template = new String(pkg.template(), StandardCharsets.UTF_8);
        ObjectNode defaults = TemplateRenderer.defaults(pkg.config());
        JsonNode defaultApp = render(template, name, defaults, pkg.resource());
        List<String> inert = new ArrayList<>();
        for (String option : optionPaths(pkg.config(), "")) {
            JsonNode changed = otherValue(at(pkg.config().path("properties"), option.replace(".", ".properties.")), at(defaults, option));
            ObjectNode options = TemplateRenderer.merge(defaults, nest(option, changed));
            if (render(template, name, options, pkg.resource()).equals(defaultApp)) {
                inert.add(option + " (" + at(defaults, option) + " -> " + changed + ")");
            }
        }
        assertEquals(List.of(), inert, name + ": options that change nothing in the app");
    }

    private static JsonNode render(String template, String name, ObjectNode options, JsonNode resource) throws Exception {
        return JsonFiles.MAPPER.readTree(TemplateRenderer.render(template, name, TemplateRenderer.context(options, resource)));
    }

    /** A value other than {@code current} that the option's schema allows. */
    private static JsonNode otherValue(JsonNode schema, JsonNode current) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        if (schema.has("enum")) {
            for (JsonNode value : schema.get("enum")) {
                if (!value.equals(current)) {
                    return value;
                }
            }
        }
        return switch (schema.path("type").asText()) {
            case "boolean" -> json.booleanNode(!current.asBoolean());
            case "integer" -> json.numberNode(current.asInt() + 1);
            case "number" -> json.numberNode(current.asDouble() + 0.5);
            default -> json.textNode(current.asText().isEmpty() ? "x1" : current.asText() + "1");
        };
    }

    private static ObjectNode nest(String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode root = JsonFiles.MAPPER.createObjectNode();
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.putObject(parts[i]);
        }
        node.set(parts[parts.length - 1], value);
        return root;
    }

    static Stream<String> packageNames() {
        return SERVICE_MAPPINGS.keySet().stream().sorted();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("packagesAndVariants")
    void exactlyTheChosenJwtKeyReachesTheService(String name, String variant) {
        ValidatedPackage pkg = pkg(name);
        JsonNode auth = mergedOptions(pkg, variant).get("auth");
        SmallRyeConfig config = serviceConfig(SERVICE_MAPPINGS.get(name), taskEnv(pkg, variant));
        Optional<String> key = config.getOptionalValue("mp.jwt.verify.publickey", String.class);
        Optional<String> location = config.getOptionalValue("mp.jwt.verify.publickey.location", String.class);

        String source = keySourceOf(auth);
        switch (source) {
            case "secret" -> {
                assertEquals(Optional.of(SECRET_VALUE), key);
                assertEquals(auth.get("public_key_secret").asText(),
                        pkg.renderedApps().get(variant).path("secrets").path("jwtPublicKey").path("source").asText());
            }
            case "key" -> assertEquals(Optional.of(auth.get("public_key").asText()), key);
            default -> assertEquals(Optional.empty(), key);
        }
        // The location built into application.properties must be gone whenever the key itself is given.
        assertEquals(source.equals("location") ? Optional.of(auth.get("public_key_location").asText()) : Optional.empty(), location);
    }

    @Test
    void mappingValidationRejectsAnUnknownPropertyButNotAnUnknownVariable() {
        // Written as a property (application.properties, -D), a made-up name under the prefix stops the service.
        ConfigValidationException unknownProperty = assertThrows(ConfigValidationException.class,
                () -> serviceConfig(LogsConfig.class, Map.of(), Map.of("logs.mesos.foo", "x")));
        assertTrue(unknownProperty.getMessage().contains("logs.mesos.foo"), unknownProperty.getMessage());
        // As an environment variable it is silently ignored: SmallRye cannot tell which property LOGS_MESOS_FOO would
        // be (dots and dashes both became _), so it never reports variables. That is why every variable is walked here.
        SmallRyeConfig config = serviceConfig(LogsConfig.class, Map.of("LOGS_MESOS_FOO", "x"));
        assertEquals(Optional.empty(), config.getConfigMapping(LogsConfig.class).mesos().masterUrl());
        assertEquals(null, leafOfVariable(leaves(mappings(LogsConfig.class)), "LOGS_MESOS_FOO"));
    }

    @Test
    void aVariableNoMappingKnowsIsNamedAsConfiguringNothing() {
        Map<String, Leaf> leaves = leaves(mappings(LogsConfig.class));
        assertEquals(null, leafOfVariable(leaves, "LOGS_MESOS_FOO"));
        assertEquals(null, leafOfVariable(leaves, "DAY2OPS_CLUSTER_MESOS_MASTER_URL"));
        assertEquals("logs.mesos.master-url", leafOfVariable(leaves, "LOGS_MESOS_MASTER_URL").property());
        assertEquals("day2ops.audit.access.skip-allows-under", leafOfVariable(leaves, "DAY2OPS_AUDIT_ACCESS_SKIP_ALLOWS_UNDER").property());
    }

    @Test
    void aVariableWithTheWrongValueIsReportedWithBothValues() {
        Map<String, String> env = Map.of("LOGS_MESOS_WORK_DIR", "/var/lib/mesos/agent");
        SmallRyeConfig config = serviceConfig(LogsConfig.class, env);
        Leaf leaf = leaves(mappings(LogsConfig.class)).get("logs.mesos.work-dir");
        assertEquals(null, leaf.mismatch(config, "/var/lib/mesos/agent"));
        assertEquals("expected \"/var/lib/mesos/slave\" but the service reads \"/var/lib/mesos/agent\"",
                leaf.mismatch(config, "/var/lib/mesos/slave"));
    }

    @Test
    void theAgentUrlIsTheAddressMarathonGivesTheTask() {
        SmallRyeConfig config = serviceConfig(LogsConfig.class, taskEnv(pkg("day2ops-logs"), "defaults"));
        assertEquals("http://10.0.7.21:5051", config.getConfigMapping(LogsConfig.class).mesos().agentUrl().orElseThrow().toString());
        SmallRyeConfig diagnostics = serviceConfig(DiagnosticsConfig.class, taskEnv(pkg("day2ops-diagnostics"), "defaults"));
        assertEquals(Optional.of("10.0.7.21"), diagnostics.getConfigMapping(DiagnosticsConfig.class).node().ip());
        assertEquals("agent", diagnostics.getConfigMapping(DiagnosticsConfig.class).node().role());
    }

    // --- the service's configuration, as its runtime builds it -------------------------------------------------

    private static List<Class<?>> mappings(Class<?> serviceMapping) {
        List<Class<?>> all = new ArrayList<>(List.of(serviceMapping));
        all.addAll(COMMON_MAPPINGS);
        return all;
    }

    private static String mappingNames(Class<?> serviceMapping) {
        return mappings(serviceMapping).stream().map(Class::getSimpleName).collect(Collectors.joining(", "));
    }

    /**
     * The variables over the service's application.properties (ordinals 300 and 250, as in Quarkus), the
     * prod profile, Quarkus's converters (durations like {@code 15s}, sizes like {@code 1G}), the service's
     * and common's mappings, and unknown properties under their prefixes rejected.
     */
    static SmallRyeConfig serviceConfig(Class<?> serviceMapping, Map<String, String> env) {
        return serviceConfig(serviceMapping, env, Map.of());
    }

    /** As {@link #serviceConfig(Class, Map)}, with {@code systemProperties} above everything (ordinal 400). */
    static SmallRyeConfig serviceConfig(Class<?> serviceMapping, Map<String, String> env, Map<String, String> systemProperties) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .withProfile("prod")
                .addDefaultInterceptors()
                .addDiscoveredConverters()
                .withSources(new PropertiesConfigSource(systemProperties, "system properties", 400))
                .withSources(new EnvConfigSource(env, EnvConfigSource.ORDINAL))
                .withSources(new PropertiesConfigSource(applicationProperties(serviceMapping), "application.properties", 250))
                .withValidateUnknown(true);
        mappings(serviceMapping).forEach(builder::withMapping);
        return builder.build();
    }

    /** The application.properties packaged with the service that {@code serviceMapping} belongs to. */
    private static Map<String, String> applicationProperties(Class<?> serviceMapping) {
        try {
            Path location = Path.of(serviceMapping.getProtectionDomain().getCodeSource().getLocation().toURI());
            Properties properties = new Properties();
            if (Files.isDirectory(location)) {
                try (InputStream in = Files.newInputStream(location.resolve("application.properties"))) {
                    properties.load(in);
                }
            } else {
                try (ZipFile jar = new ZipFile(location.toFile());
                        InputStream in = jar.getInputStream(jar.getEntry("application.properties"))) {
                    properties.load(in);
                }
            }
            Map<String, String> map = new TreeMap<>();
            properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
            return map;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- the rendered apps -------------------------------------------------------------------------------------

    private static ValidatedPackage pkg(String name) {
        return report.packages().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    /** The app's {@code env} as Marathon passes it; a secret reference stands for {@link #SECRET_VALUE}. */
    private static Map<String, String> renderedEnv(ValidatedPackage pkg, String variant) {
        Map<String, String> env = new LinkedHashMap<>();
        pkg.renderedApps().get(variant).path("env").properties()
                .forEach(e -> env.put(e.getKey(), e.getValue().has("secret") ? SECRET_VALUE : e.getValue().asText()));
        return env;
    }

    /** The task's environment: the app's {@code env} plus what Marathon adds. */
    private static Map<String, String> taskEnv(ValidatedPackage pkg, String variant) {
        Map<String, String> env = new LinkedHashMap<>(MARATHON_TASK_ENV);
        env.putAll(renderedEnv(pkg, variant));
        return env;
    }

    /** {@code ${NAME}} replaced by the task's variable, as the service's configuration expands it. */
    private static String expand(String value) {
        Matcher m = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}").matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = MARATHON_TASK_ENV.get(m.group(1));
            if (replacement == null) {
                throw new AssertionError(value + " refers to ${" + m.group(1) + "}, which Marathon does not set");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return m.appendTail(out).toString();
    }

    private static ObjectNode mergedOptions(ValidatedPackage pkg, String variant) {
        ObjectNode defaults = TemplateRenderer.defaults(pkg.config());
        if (variant.equals("defaults")) {
            return defaults;
        }
        try {
            JsonNode options = JsonFiles.MAPPER.readTree(RealPackagesTest.optionsDir().resolve(pkg.name() + ".json").toFile());
            return TemplateRenderer.merge(defaults, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The dotted paths of the leaf options a config schema declares ({@code service.name}, {@code http.port}…). */
    private static List<String> optionPaths(JsonNode schema, String prefix) {
        List<String> paths = new ArrayList<>();
        schema.path("properties").properties().forEach(p -> {
            String path = prefix + p.getKey();
            if (p.getValue().path("properties").isObject()) {
                paths.addAll(optionPaths(p.getValue(), path + "."));
            } else {
                paths.add(path);
            }
        });
        return paths;
    }

    private static JsonNode at(JsonNode options, String path) {
        JsonNode node = options;
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }

    private static String keySourceOf(JsonNode auth) {
        if (!auth.path("public_key_secret").asText().isEmpty()) {
            return "secret";
        }
        return auth.path("public_key").asText().isEmpty() ? "location" : "key";
    }

    // --- the properties a mapping has --------------------------------------------------------------------------

    /** A property of a mapping: its name, how to read it from the mapping, and its declared type. */
    record Leaf(String property, Class<?> mapping, List<Method> accessors, Type type) {

        /** {@code null} when the service reads {@code expected} here, else what differs. */
        String mismatch(SmallRyeConfig config, String expected) {
            Object actual = read(config);
            Class<?> element = rawClass(elementType());
            Object want;
            try {
                if (actual instanceof Collection<?> collection) {
                    List<Object> values = new ArrayList<>();
                    for (String part : expected.split(",")) {
                        values.add(config.convert(part.trim(), boxed(element)));
                    }
                    want = collection instanceof Set ? new LinkedHashSet<>(values) : values;
                } else {
                    want = config.convert(expected, boxed(element));
                }
            } catch (IllegalArgumentException e) {
                return "\"" + expected + "\" is not a valid " + element.getSimpleName() + " (" + e.getMessage() + ")";
            }
            if (want == null ? actual == null : want.equals(actual)) {
                return null;
            }
            return "expected \"" + expected + "\" but the service reads \"" + actual + "\"";
        }

        private Object read(SmallRyeConfig config) {
            Object value = config.getConfigMapping(mapping);
            try {
                for (Method accessor : accessors) {
                    value = accessor.invoke(value);
                    if (value instanceof Optional<?> optional) {
                        value = optional.orElse(null);
                    }
                    if (value == null) {
                        return null;
                    }
                }
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + property, e);
            }
            return value;
        }

        private Type elementType() {
            Type t = type;
            while (t instanceof ParameterizedType p && List.of(Optional.class, List.class, Set.class).contains(p.getRawType())) {
                t = p.getActualTypeArguments()[0];
            }
            return t;
        }
    }

    /** Every property of the mappings, by name; properties below maps and lists of groups are marked with {@code *}. */
    static Map<String, Leaf> leaves(List<Class<?>> mappings) {
        Map<String, Leaf> leaves = new TreeMap<>();
        for (Class<?> mapping : mappings) {
            String prefix = mapping.getAnnotation(ConfigMapping.class).prefix();
            collect(mapping, mapping, prefix, List.of(), leaves);
        }
        return leaves;
    }

    private static void collect(Class<?> mapping, Class<?> group, String prefix, List<Method> accessors, Map<String, Leaf> leaves) {
        for (Method method : group.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0) {
                continue;
            }
            if (method.isAnnotationPresent(WithParentName.class)) {
                throw new AssertionError(group.getName() + "." + method.getName() + ": @WithParentName is not followed by this check; extend it");
            }
            WithName withName = method.getAnnotation(WithName.class);
            String name = prefix + "." + (withName != null ? withName.value() : kebab(method.getName()));
            List<Method> path = new ArrayList<>(accessors);
            path.add(method);
            Type type = method.getGenericReturnType();
            Class<?> raw = rawClass(type);
            Type inner = type instanceof ParameterizedType p ? p.getActualTypeArguments()[p.getActualTypeArguments().length - 1] : null;
            if (raw == Optional.class && isGroup(rawClass(inner))) {
                collect(mapping, rawClass(inner), name, path, leaves);
            } else if (raw == Map.class) {
                if (isGroup(rawClass(inner))) {
                    collect(mapping, rawClass(inner), name + ".*", path, leaves);
                } else {
                    leaves.put(name + ".*", new Leaf(name + ".*", mapping, path, type));
                }
            } else if ((raw == List.class || raw == Set.class) && isGroup(rawClass(inner))) {
                collect(mapping, rawClass(inner), name + "[*]", path, leaves);
            } else if (isGroup(raw)) {
                collect(mapping, raw, name, path, leaves);
            } else {
                leaves.put(name, new Leaf(name, mapping, path, type));
            }
        }
    }

    /**
     * The property whose environment form (every character other than a letter or digit replaced by
     * {@code _}, upper case, as MicroProfile Config matches variables) is {@code variable}; {@code null}
     * when none has it. A variable that would address an entry of a map or list of groups fails: the
     * packages set none, and reading one back would need its key.
     */
    static Leaf leafOfVariable(Map<String, Leaf> leaves, String variable) {
        for (Leaf leaf : leaves.values()) {
            if (!leaf.property().contains("*") && envForm(leaf.property()).equals(variable)) {
                return leaf;
            }
        }
        for (Leaf leaf : leaves.values()) {
            if (leaf.property().contains("*")) {
                String regex = Arrays.stream(leaf.property().split("\\*", -1)).map(s -> Pattern.quote(envForm(s)))
                        .collect(Collectors.joining("[A-Z0-9_]+"));
                if (variable.matches(regex)) {
                    throw new AssertionError(variable + " sets an entry of " + leaf.property() + ", which this check does not read back");
                }
            }
        }
        return null;
    }

    static String envForm(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static String kebab(String methodName) {
        return methodName.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static boolean isGroup(Class<?> type) {
        return type != null && type.isInterface() && !type.getName().startsWith("java.");
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static <T> Class<T> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return (Class<T>) type;
        }
        return (Class<T>) Map.of(int.class, Integer.class, long.class, Long.class, boolean.class, Boolean.class,
                double.class, Double.class).get(type);
    }
}
