package day2ops.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * What can be checked of the native-image registration without GraalVM: the code path a native image
 * takes (jnr-ffi's reflection/proxy loader, switched on by {@code org.graalvm.nativeimage.imagecode})
 * works, and the proxy interface lists in {@code proxy-config.json} are exactly the ones it creates.
 */
class NativeImageConfigTest {

    private static final String CONFIG = "/META-INF/native-image/day2ops/journal/";

    @Test
    void nativeImageCodePathUsesRegisteredProxies() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Dorg.graalvm.nativeimage.imagecode=runtime",
                "-cp", System.getProperty("java.class.path"), ReflectionLoaderCheck.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM hung");
        assertEquals(0, p.exitValue(), output);

        Set<String> created = output.lines().filter(l -> l.startsWith("PROXY ")).map(l -> l.substring(6))
                .collect(Collectors.toSet());
        assertEquals(registeredProxies(), created, "proxy-config.json must list exactly the proxies jnr-ffi creates");
        assertTrue(output.contains("NEXT false"), output);
        assertTrue(output.contains("ERROR sd_journal_open_directory failed: No such file or directory (errno 2)"), output);
    }

    @Test
    void everyRegisteredClassExists() throws Exception {
        Matcher names = Pattern.compile("\"name\":\\s*\"([\\w.$]+)\"").matcher(read("reflect-config.json") + read("jni-config.json"));
        int checked = 0;
        while (names.find()) {
            String name = names.group(1);
            if (!name.equals("<init>") && !name.equals("ALIASES")) {
                Class.forName(name, false, getClass().getClassLoader());
                checked++;
            }
        }
        assertTrue(checked >= 10, "checked " + checked + " registrations");
        for (String resource : List.of("jni/x86_64-Linux/libjffi-1.2.so", "jni/aarch64-Linux/libjffi-1.2.so")) {
            assertTrue(read("resource-config.json").contains(resource));
            assertTrue(getClass().getClassLoader().getResource(resource) != null, resource + " on the class path");
        }
    }

    private static Set<String> registeredProxies() throws IOException {
        Matcher lists = Pattern.compile("\"interfaces\":\\s*\\[([^\\]]*)]").matcher(read("proxy-config.json"));
        Set<String> proxies = new java.util.HashSet<>();
        while (lists.find()) {
            proxies.add(lists.group(1).replaceAll("[\"\\s]", ""));
        }
        return proxies;
    }

    private static String read(String file) throws IOException {
        try (InputStream in = NativeImageConfigTest.class.getResourceAsStream(CONFIG + file)) {
            if (in == null) {
                throw new IOException(CONFIG + file + " missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
