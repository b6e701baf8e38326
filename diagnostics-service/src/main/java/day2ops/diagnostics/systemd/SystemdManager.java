package day2ops.diagnostics.systemd;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;

/** The part of {@code org.freedesktop.systemd1.Manager} unit health needs. Method names are D-Bus member names. */
@DBusInterfaceName("org.freedesktop.systemd1.Manager")
public interface SystemdManager extends DBusInterface {

    /**
     * The object path of a unit, loading its unit file if systemd has not yet: unlike {@code GetUnit}, this
     * answers for units that do not exist too (their {@code LoadState} is {@code not-found}).
     */
    DBusPath LoadUnit(String name);
}
