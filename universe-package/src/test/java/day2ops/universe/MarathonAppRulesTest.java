package day2ops.universe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Marathon rules beyond the schema, each shown on the smallest app that breaks it (fixtures cover the rest). */
class MarathonAppRulesTest {

    private static List<String> check(String app) throws Exception {
        return MarathonAppRules.check(JsonFiles.parse(app));
    }

    private static void assertOnly(String expected, List<String> problems) {
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains(expected), problems.get(0));
    }

    @Test
    void acceptsAMinimalCommandApp() throws Exception {
        assertEquals(List.of(), check("{\"id\": \"a\", \"cmd\": \"sleep 1\"}"));
    }

    @Test
    void needsSomethingToRun() throws Exception {
        assertOnly("neither cmd, args nor a container image", check("{\"id\": \"a\"}"));
    }

    @Test
    void checksConstraintValuesPerOperator() throws Exception {
        assertOnly("LIKE value is not a regular expression",
                check("{\"id\": \"a\", \"cmd\": \"x\", \"constraints\": [[\"rack\", \"LIKE\", \"rack-[\"]]}"));
        assertOnly("MAX_PER needs a positive integer",
                check("{\"id\": \"a\", \"cmd\": \"x\", \"constraints\": [[\"zone\", \"MAX_PER\", \"two\"]]}"));
        assertOnly("CLUSTER needs a value",
                check("{\"id\": \"a\", \"cmd\": \"x\", \"constraints\": [[\"zone\", \"CLUSTER\"]]}"));
        assertEquals(List.of(), check("{\"id\": \"a\", \"cmd\": \"x\", \"constraints\": [[\"zone\", \"GROUP_BY\", \"3\"], [\"rack\", \"LIKE\", \"r[0-9]\"]]}"));
    }

    @Test
    void volumesAreOneKindWithAModeAndAbsoluteHostPaths() throws Exception {
        assertOnly("exactly one of hostPath, persistent, external or secret",
                check("{\"id\": \"a\", \"cmd\": \"x\", \"container\": {\"type\": \"MESOS\", \"volumes\": [{\"containerPath\": \"d\", \"mode\": \"RW\"}]}}"));
        assertOnly("mode (RO or RW) is required",
                check("{\"id\": \"a\", \"cmd\": \"x\", \"container\": {\"type\": \"MESOS\", \"volumes\": [{\"containerPath\": \"d\", \"hostPath\": \"/d\"}]}}"));
        assertOnly("must be an absolute path",
                check("{\"id\": \"a\", \"cmd\": \"x\", \"container\": {\"type\": \"MESOS\", \"volumes\": [{\"containerPath\": \"d\", \"hostPath\": \"d\", \"mode\": \"RO\"}]}}"));
    }

    @Test
    void hostNetworkingUsesPortDefinitions() throws Exception {
        assertOnly("not allowed in host networking",
                check("{\"id\": \"a\", \"cmd\": \"x\", \"networks\": [{\"mode\": \"host\"}], \"container\": {\"type\": \"MESOS\", \"portMappings\": [{\"containerPort\": 80}]}}"));
        assertOnly("requirePorts needs a fixed host port",
                check("{\"id\": \"a\", \"cmd\": \"x\", \"requirePorts\": true, \"portDefinitions\": [{\"port\": 0}]}"));
    }

    @Test
    void healthChecksMatchTheirProtocol() throws Exception {
        assertOnly("a COMMAND health check needs command.value",
                check("{\"id\": \"a\", \"cmd\": \"x\", \"healthChecks\": [{\"protocol\": \"COMMAND\"}]}"));
        assertOnly("timeoutSeconds must be smaller than intervalSeconds",
                check("{\"id\": \"a\", \"cmd\": \"x\", \"portDefinitions\": [{\"port\": 0}], \"healthChecks\": [{\"protocol\": \"MESOS_TCP\", \"intervalSeconds\": 10, \"timeoutSeconds\": 10}]}"));
        assertOnly("only HTTP(S) health checks use a path",
                check("{\"id\": \"a\", \"cmd\": \"x\", \"portDefinitions\": [{\"port\": 0}], \"healthChecks\": [{\"protocol\": \"TCP\", \"path\": \"/\"}]}"));
    }

    @Test
    void declaredSecretsAreUsed() throws Exception {
        assertOnly("declared but no env variable or volume uses it",
                check("{\"id\": \"a\", \"cmd\": \"x\", \"secrets\": {\"s\": {\"source\": \"path/s\"}}}"));
        assertEquals(List.of(), check("{\"id\": \"a\", \"cmd\": \"x\", \"secrets\": {\"s\": {\"source\": \"p\"}}, \"env\": {\"S\": {\"secret\": \"s\"}}}"));
    }
}
