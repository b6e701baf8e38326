package day2ops.diagnostics.systemd;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt64;
import org.freedesktop.dbus.types.Variant;

/**
 * dbus-java builds remote objects as JDK proxies and reads their methods' signatures reflectively; a native
 * image needs both registered (the proxies in {@code META-INF/native-image/.../proxy-config.json}).
 */
@RegisterForReflection(targets = {SystemdManager.class, Properties.class, DBusPath.class, UInt64.class, Variant.class})
final class NativeReflection {

    private NativeReflection() {
    }
}
