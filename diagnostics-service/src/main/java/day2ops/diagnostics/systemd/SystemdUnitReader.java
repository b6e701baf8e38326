package day2ops.diagnostics.systemd;

import day2ops.diagnostics.UnitProperties;
import day2ops.diagnostics.config.DiagnosticsConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt64;
import org.freedesktop.dbus.types.Variant;

/**
 * Reads unit properties from systemd over D-Bus ({@code org.freedesktop.systemd1}). One connection per
 * read, so a restarted systemd (or bus) never leaves a stale connection behind; the whole read is
 * bounded by {@code diagnostics.systemd.timeout}.
 */
@ApplicationScoped
public class SystemdUnitReader {

    private static final String DESTINATION = "org.freedesktop.systemd1";
    private static final String UNIX_PATH = "unix:path=";
    private static final String MANAGER_PATH = "/org/freedesktop/systemd1";
    private static final String UNIT_INTERFACE = "org.freedesktop.systemd1.Unit";
    private static final String SERVICE_INTERFACE = "org.freedesktop.systemd1.Service";

    private final DiagnosticsConfig.Systemd config;
    private final ExecutorService calls = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "systemd-dbus");
        t.setDaemon(true);
        return t;
    });

    @Inject
    public SystemdUnitReader(DiagnosticsConfig config) {
        this(config.systemd());
    }

    SystemdUnitReader(DiagnosticsConfig.Systemd config) {
        this.config = config;
    }

    /** Properties of each unit, in the order given. */
    public List<UnitProperties> read(List<String> unitIds) {
        Future<List<UnitProperties>> read = calls.submit(() -> readNow(unitIds));
        try {
            return read.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            read.cancel(true);
            throw new SystemdUnavailableException("systemd at " + config.busAddress() + " did not answer within "
                    + config.timeout(), e);
        } catch (InterruptedException e) {
            read.cancel(true);
            Thread.currentThread().interrupt();
            throw new SystemdUnavailableException("interrupted while reading units from systemd", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SystemdUnavailableException unavailable) {
                throw unavailable;
            }
            throw new SystemdUnavailableException("reading units from systemd at " + config.busAddress() + " failed: "
                    + cause, cause);
        }
    }

    private List<UnitProperties> readNow(List<String> unitIds) {
        try (DBusConnection connection = connect()) {
            SystemdManager manager = remote(connection, MANAGER_PATH, SystemdManager.class);
            List<UnitProperties> units = new ArrayList<>(unitIds.size());
            for (String id : unitIds) {
                units.add(readUnit(connection, manager, id));
            }
            return units;
        } catch (DBusException | DBusExecutionException | IOException e) {
            throw new SystemdUnavailableException("cannot talk to systemd at " + config.busAddress() + ": " + e.getMessage(), e);
        }
    }

    private DBusConnection connect() throws DBusException {
        // A missing socket file would otherwise surface only as the read timeout; say what is wrong at once.
        String address = config.busAddress();
        if (address.startsWith(UNIX_PATH)) {
            Path socket = Path.of(address.substring(UNIX_PATH.length()).split(",", 2)[0]);
            if (!Files.exists(socket)) {
                throw new SystemdUnavailableException("the D-Bus socket " + socket + " (" + address + ") does not exist", null);
            }
        }
        // Not shared: dbus-java would otherwise hand every reader the same connection, and closing one
        // read's connection would close it for all.
        return DBusConnectionBuilder.forAddress(config.busAddress()).withShared(false).build();
    }

    private static <T extends DBusInterface> T remote(DBusConnection connection, String path, Class<T> type)
            throws DBusException {
        return connection.getRemoteObject(DESTINATION, path, type);
    }

    private static UnitProperties readUnit(DBusConnection connection, SystemdManager manager, String id)
            throws DBusException {
        DBusPath path = manager.LoadUnit(id);
        Properties properties = remote(connection, path.getPath(), Properties.class);
        Map<String, Variant<?>> unit = properties.GetAll(UNIT_INTERFACE);
        int execMainStatus = 0;
        if (id.endsWith(".service") && "loaded".equals(string(unit, "LoadState"))) {
            Map<String, Variant<?>> service = properties.GetAll(SERVICE_INTERFACE);
            Variant<?> status = service.get("ExecMainStatus");
            execMainStatus = status == null ? 0 : ((Number) status.getValue()).intValue();
        }
        return new UnitProperties(
                id,
                string(unit, "LoadState"),
                string(unit, "ActiveState"),
                string(unit, "SubState"),
                string(unit, "Description"),
                execMainStatus,
                micros(unit, "ActiveEnterTimestampMonotonic"),
                micros(unit, "ActiveExitTimestampMonotonic"),
                micros(unit, "InactiveEnterTimestampMonotonic"),
                micros(unit, "InactiveExitTimestampMonotonic"));
    }

    private static String string(Map<String, Variant<?>> properties, String name) {
        Variant<?> value = properties.get(name);
        return value == null ? "" : String.valueOf(value.getValue());
    }

    private static long micros(Map<String, Variant<?>> properties, String name) {
        Variant<?> value = properties.get(name);
        if (value == null) {
            return 0;
        }
        Object v = value.getValue();
        return v instanceof UInt64 u ? u.longValue() : ((Number) v).longValue();
    }

    @PreDestroy
    void shutdown() {
        calls.shutdownNow();
    }
}
