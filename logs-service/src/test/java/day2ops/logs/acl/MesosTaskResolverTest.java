package day2ops.logs.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MesosTaskResolverTest {

    @Test
    void resolvesApplicationsFromARecordedAgentState() throws Exception {
        String state;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("mesos/agent-state.json")) {
            state = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String fw = "6a1e2f4c-0b5e-4f3a-9d1c-2a7b8c9d0e1f-0001";
        assertEquals(Map.of(
                fw + "\u0000tenant-a_web.7f1b0c2d-1a2b-11ef-9c3d-0242ac110002", "/tenant-a/web",
                fw + "\u0000tenant-b_api.8a2c1d3e-1a2b-11ef-9c3d-0242ac110002", "/tenant-b/api",
                fw + "\u0000tenant-c_db.9b3d2e4f-1a2b-11ef-9c3d-0242ac110002", "/tenant-c/db"),
                MesosTaskResolver.appsByExecutor(state));
    }
}
