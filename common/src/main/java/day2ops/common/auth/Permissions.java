package day2ops.common.auth;

import java.util.Collection;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * DC/OS permission (resource) ids as carried in a token's {@code groups} claim, and the one
 * rule that decides whether a set of held permissions grants a required one.
 *
 * <p>Rules: {@link #SUPERUSER} grants everything; an id grants itself; an application
 * sandbox permission on an application group grants every application below it
 * ({@code …:app_id:/team} covers {@code /team/app} and {@code /team/a/b}, not {@code /teams}).
 */
public final class Permissions {

    public static final String SUPERUSER = "dcos:superuser";
    public static final String SYSTEM_LOGS = "dcos:adminrouter:ops:system-logs";
    public static final String SYSTEM_METRICS = "dcos:adminrouter:ops:system-metrics";
    public static final String SYSTEM_HEALTH = "dcos:adminrouter:ops:system-health";
    public static final String DEBUG = "dcos:adminrouter:ops:debug";
    public static final String SYSTEM_AGENT = "dcos:adminrouter:system:agent";
    public static final String APP_SANDBOX_PREFIX = "dcos:mesos:agent:sandbox:app_id:";

    /** The fixed (non-hierarchical) permissions that guard whole routes. */
    public static final Set<String> ROUTE_PERMISSIONS =
            Set.of(SYSTEM_LOGS, SYSTEM_METRICS, SYSTEM_HEALTH, DEBUG, SYSTEM_AGENT);

    private static final Pattern APP_ID = Pattern.compile("/|(/[a-zA-Z0-9._-]+)+");

    private Permissions() {
    }

    /** The sandbox permission id of a Marathon application id such as {@code /team/app}. */
    public static String appSandbox(String appId) {
        return APP_SANDBOX_PREFIX + normalizeAppId(appId);
    }

    /**
     * Normalizes a Marathon application id: adds the leading slash, drops a trailing one.
     *
     * @throws IllegalArgumentException naming the offending id when it is empty, has empty
     *     segments or characters Marathon does not allow
     */
    public static String normalizeAppId(String appId) {
        if (appId == null || appId.isBlank()) {
            throw new IllegalArgumentException("application id is empty");
        }
        String id = appId.startsWith("/") ? appId : "/" + appId;
        if (id.length() > 1 && id.endsWith("/")) {
            id = id.substring(0, id.length() - 1);
        }
        if (!APP_ID.matcher(id).matches() || id.contains("/../") || id.endsWith("/..") || id.contains("/./")) {
            throw new IllegalArgumentException("invalid application id '" + appId + "'");
        }
        return id;
    }

    /** Whether {@code held} (a token's groups) grants {@code required}. */
    public static boolean grants(Collection<String> held, String required) {
        if (held.contains(SUPERUSER) || held.contains(required)) {
            return true;
        }
        if (!required.startsWith(APP_SANDBOX_PREFIX)) {
            return false;
        }
        String app = required.substring(APP_SANDBOX_PREFIX.length());
        for (String permission : held) {
            if (permission.startsWith(APP_SANDBOX_PREFIX)
                    && coversApp(permission.substring(APP_SANDBOX_PREFIX.length()), app)) {
                return true;
            }
        }
        return false;
    }

    private static boolean coversApp(String group, String app) {
        if (group.equals("/")) {
            return app.startsWith("/");
        }
        return app.equals(group) || app.startsWith(group.endsWith("/") ? group : group + "/");
    }
}
