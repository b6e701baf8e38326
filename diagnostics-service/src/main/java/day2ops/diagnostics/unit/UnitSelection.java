package day2ops.diagnostics.unit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Which units a node's health covers: the entries of a target's {@code .wants} directory plus configured extras. */
public final class UnitSelection {

    /** What systemd accepts as a unit name (letters, digits, {@code :-_.\@}, a known suffix after the last dot). */
    private static final Pattern UNIT_NAME = Pattern.compile(
            "[A-Za-z0-9:_.\\\\@-]+\\.(service|socket|target|timer|mount|automount|swap|path|slice|scope|device)");

    private UnitSelection() {
    }

    /** Sorted, without duplicates; entries of the directory that are not unit names are ignored. */
    public static List<String> select(Path wantsDir, Collection<String> extraUnits) {
        TreeSet<String> units = new TreeSet<>();
        try (Stream<Path> entries = Files.list(wantsDir)) {
            entries.map(p -> p.getFileName().toString()).filter(UnitSelection::isUnitName).forEach(units::add);
        } catch (NoSuchFileException absent) {
            // A node without the target (a plain host with only extra units): nothing from here.
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list units in " + wantsDir, e);
        }
        for (String extra : extraUnits) {
            if (!isUnitName(extra)) {
                throw new IllegalArgumentException("diagnostics.health.extra-units: not a unit name: " + extra);
            }
            units.add(extra);
        }
        return List.copyOf(units);
    }

    public static boolean isUnitName(String name) {
        return name.length() <= 256 && UNIT_NAME.matcher(name).matches();
    }
}
