package day2ops.journal;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Run in a child JVM by {@link NativeImageConfigTest} with the system property a native image sets
 * ({@code org.graalvm.nativeimage.imagecode}): prints the interfaces of the dynamic proxies jnr-ffi built
 * for the bindings, then exercises one real call of each.
 */
public final class ReflectionLoaderCheck {

    private ReflectionLoaderCheck() {
    }

    public static void main(String[] args) throws Exception {
        Native nat = Native.get();
        for (Object binding : new Object[] {nat.sd, nat.libc, nat.sockets}) {
            if (!Proxy.isProxyClass(binding.getClass())) {
                throw new IllegalStateException("expected jnr-ffi's reflection loader, got " + binding.getClass());
            }
            System.out.println("PROXY " + Arrays.stream(binding.getClass().getInterfaces())
                    .map(Class::getName).collect(Collectors.joining(",")));
        }
        Path empty = Files.createTempDirectory("reflection-loader");
        try (Journal journal = Journal.openDirectory(empty)) {
            journal.seekHead();
            System.out.println("NEXT " + journal.next());
        } finally {
            Files.delete(empty);
        }
        try {
            Journal.openDirectory(Path.of("/nonexistent/day2ops"));
        } catch (JournalException e) {
            System.out.println("ERROR " + e.getMessage());
        }
    }
}
