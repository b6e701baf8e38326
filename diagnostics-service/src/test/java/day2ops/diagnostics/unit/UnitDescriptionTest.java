package day2ops.diagnostics.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnitDescriptionTest {

    @Test
    void splitsNameFromDescriptionAtTheFirstColonSpace() {
        assertEquals(new UnitDescription("Mesos Master", "distributed systems kernel: master"),
                UnitDescription.split("dcos-mesos-master.service", "Mesos Master: distributed systems kernel: master"));
    }

    @Test
    void withoutSeparatorTheUnitIdIsTheName() {
        assertEquals(new UnitDescription("sshd.service", "OpenBSD Secure Shell server"),
                UnitDescription.split("sshd.service", "OpenBSD Secure Shell server"));
    }

    @Test
    void colonWithoutSpaceDoesNotSplit() {
        assertEquals(new UnitDescription("x.service", "Exhibitor:ZooKeeper"), UnitDescription.split("x.service", "Exhibitor:ZooKeeper"));
    }

    @Test
    void emptyOrMissingDescription() {
        assertEquals(new UnitDescription("x.service", ""), UnitDescription.split("x.service", null));
        assertEquals(new UnitDescription("x.service", ": leading"), UnitDescription.split("x.service", ": leading"));
    }
}
