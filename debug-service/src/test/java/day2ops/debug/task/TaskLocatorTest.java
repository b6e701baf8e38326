package day2ops.debug.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskLocatorTest {

    private static final String V1 = """
            12:pids:/mesos/4d7fa2e1-2c8a-4a05-8a5b-4bd8e4c1ad11
            11:memory:/mesos/4d7fa2e1-2c8a-4a05-8a5b-4bd8e4c1ad11
            1:name=systemd:/mesos/4d7fa2e1-2c8a-4a05-8a5b-4bd8e4c1ad11
            """;
    private static final String V2 = "0::/mesos/4d7fa2e1-2c8a-4a05-8a5b-4bd8e4c1ad11/mesos/f00/sub\n";

    @Test
    void membershipMatchesTheCgroupAndItsDescendantsOnly() {
        assertTrue(TaskLocator.isMember(V1, "/mesos/4d7fa2e1-2c8a-4a05-8a5b-4bd8e4c1ad11"));
        assertTrue(TaskLocator.isMember(V2, "/mesos/4d7fa2e1-2c8a-4a05-8a5b-4bd8e4c1ad11/"));
        assertFalse(TaskLocator.isMember(V1, "/mesos/4d7fa2e1"));
        assertFalse(TaskLocator.isMember("0::/system.slice/sshd.service\n", "/mesos/4d7fa2e1-2c8a-4a05-8a5b-4bd8e4c1ad11"));
    }

    @Test
    void lowestMemberPidIsTheTasksProcess(@TempDir Path procfs) throws IOException {
        write(procfs, "1", "0::/init.scope\n");
        write(procfs, "4711", V2);
        write(procfs, "815", V1);
        Files.createDirectories(procfs.resolve("self"));
        Files.createDirectories(procfs.resolve("sys"));
        assertEquals(OptionalLong.of(815), TaskLocator.lowestMemberOf(procfs, "/mesos/4d7fa2e1-2c8a-4a05-8a5b-4bd8e4c1ad11"));
        assertEquals(OptionalLong.empty(), TaskLocator.lowestMemberOf(procfs, "/mesos/other"));
    }

    @Test
    void marathonTaskIdsNameTheirApplication() {
        assertEquals(java.util.Optional.of("/team/web"), TaskLocator.marathonAppId("team_web.6e3c5579-badb-11ee-8c90-0242ac120002"));
        assertEquals(java.util.Optional.of("/web"), TaskLocator.marathonAppId("web.instance-6e3c5579._app.1"));
        assertEquals(java.util.Optional.empty(), TaskLocator.marathonAppId("no-dot-here"));
    }

    private static void write(Path procfs, String pid, String cgroup) throws IOException {
        Files.createDirectories(procfs.resolve(pid));
        Files.writeString(procfs.resolve(pid).resolve("cgroup"), cgroup);
    }
}
