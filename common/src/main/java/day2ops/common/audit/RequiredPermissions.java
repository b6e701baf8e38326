package day2ops.common.audit;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The permission a secured REST method requires, for the record: its {@code @RolesAllowed} (method, else
 * class), {@value AccessDecision#AUTHENTICATED} for {@code @Authenticated}, else {@value #UNKNOWN}.
 * Security events name the method as {@code class#method} (no parameter types): overloads are taken to
 * share their annotation, the first annotated one wins. Looked up once per method.
 */
@ApplicationScoped
public class RequiredPermissions {

    public static final String UNKNOWN = "unknown";

    private static final Logger LOG = Logger.getLogger(RequiredPermissions.class);

    private final Map<String, String> cache = new ConcurrentHashMap<>();

    /** @param securedMethod {@code fully.qualified.Class#method}, as in the events' {@code SECURED_METHOD_KEY} */
    public String of(String securedMethod) {
        return cache.computeIfAbsent(securedMethod, RequiredPermissions::lookUp);
    }

    private static String lookUp(String securedMethod) {
        int hash = securedMethod.lastIndexOf('#');
        if (hash <= 0) {
            return UNKNOWN;
        }
        String className = securedMethod.substring(0, hash);
        String methodName = securedMethod.substring(hash + 1);
        try {
            Class<?> type = Class.forName(className, false, RequiredPermissions.class.getClassLoader());
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Method method : c.getDeclaredMethods()) {
                    if (method.getName().equals(methodName)) {
                        String found = declared(method);
                        if (found != null) {
                            return found;
                        }
                    }
                }
            }
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                String found = declared(c);
                if (found != null) {
                    return found;
                }
            }
            return UNKNOWN;
        } catch (ClassNotFoundException | LinkageError | SecurityException e) {
            LOG.debugf("permission of %s not found: %s", securedMethod, e);
            return UNKNOWN;
        }
    }
    private static String declared(AnnotatedElement element) {
        RolesAllowed roles = element.getAnnotation(RolesAllowed.class);
        if (roles != null) {
            return String.join(",", roles.value());
        }
        return element.isAnnotationPresent(Authenticated.class) ? AccessDecision.AUTHENTICATED : null;
    }

    private static String orUnknown(String permission) {
        return permission == null ? UNKNOWN : permission;
    }
}
