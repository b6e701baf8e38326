package day2ops.diagnostics.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnitSelectionTest {

    @TempDir
    Path wants;

    @Test
    void unitsOfTheWantsDirectoryPlusExtrasSortedWithoutDuplicates() throws IOException {
        Files.createFile(wants.resolve("dcos-mesos-master.service"));
        Files.createSymbolicLink(wants.resolve("dcos-exhibitor.service"), Path.of("/lib/systemd/system/dcos-exhibitor.service"));
        Files.createFile(wants.resolve("dcos-gc.timer"));
        Files.createFile(wants.resolve("README.txt"));
        Files.createDirectory(wants.resolve("not-a-unit"));
        assertEquals(List.of("dcos-exhibitor.service", "dcos-gc.timer", "dcos-mesos-master.service", "sshd.service"),
                UnitSelection.select(wants, List.of("sshd.service", "dcos-gc.timer")));
    }

    @Test
    void missingDirectoryLeavesOnlyTheExtras() {
        assertEquals(List.of("sshd.service"), UnitSelection.select(wants.resolve("absent"), List.of("sshd.service")));
    }

    @Test
    void rejectsAnExtraThatIsNotAUnitName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UnitSelection.select(wants, List.of("../../etc/passwd")));
        assertEquals("diagnostics.health.extra-units: not a unit name: ../../etc/passwd", e.getMessage());
    }

    @Test
    void templateInstancesAreUnitNames() {
        assertEquals(true, UnitSelection.isUnitName("systemd-journald@d2o.service"));
        assertEquals(false, UnitSelection.isUnitName("sshd"));
    }
}
