package day2ops.cli.checks;

import day2ops.cli.api.CliException;
import day2ops.cli.api.ClusterClient;
import day2ops.cli.api.ClusterOptions;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code day2 check node|cluster|node-poststart|node-prestart [NAME…]}: runs checks through
 * {@code /system/checks/v1} and exits with the combined status, as dcos-check-runner does:
 * 0 OK, 1 warning, 2 critical, 3 unknown — also 3 when the checks could not be run at all.
 */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        description = {"Run the node or cluster checks and exit with the combined status",
            "(0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN; 3 also when the checks could not be run).",
            "Example: day2 check node; day2 check cluster mesos_master_replog_synchronized"},
        subcommands = {CheckCommand.Node.class, CheckCommand.Cluster.class, CheckCommand.NodePoststart.class,
            CheckCommand.NodePrestart.class})
public class CheckCommand {

    /** What every check subcommand shares: the cluster, output switches and the run itself. */
    abstract static class Run implements Callable<Integer> {

        @Mixin
        ClusterOptions cluster;

        @Option(names = "--json", description = "Print the checks API's JSON as it came.")
        boolean json;

        @Option(names = {"-v", "--verbose"}, description = "Also print each check's whole output.")
        boolean verbose;

        abstract String path();

        List<String> names() {
            return List.of();
        }

        @Override
        public Integer call() {
            JsonObject run;
            String raw;
            try {
                ClusterClient client = cluster.client();
                String body = null;
                if (!names().isEmpty()) {
                    JsonArrayBuilder checks = Json.createArrayBuilder();
                    names().forEach(checks::add);
                    body = Json.createObjectBuilder().add("check", checks).build().toString();
                }
                HttpResponse<String> response = client.send("POST", client.uri(path()), "application/json", body);
                raw = response.body();
                try (JsonReader reader = Json.createReader(new StringReader(raw))) {
                    run = reader.readObject();
                } catch (RuntimeException e) {
                    throw new CliException(client.uri(path()) + " answered without a checks result (HTTP " + response.statusCode() + ")");
                }
            } catch (CliException e) {
                if (e.exitCode() == 2) {
                    throw e;
                }
                throw new CliException(e.getMessage(), 3);
            }
            System.out.print(json ? raw.strip() + "\n" : CheckResults.render(run, verbose));
            return CheckResults.combinedStatus(run);
        }
    }

    @Command(name = "node", mixinStandardHelpOptions = true,
            description = "Run the node checks of the node behind --url (all, or the named ones).")
    static class Node extends Run {
        @Parameters(paramLabel = "NAME", arity = "0..*", description = "Checks to run (default: all that apply to the node's role).")
        List<String> names = List.of();

        @Override
        String path() {
            return "/system/checks/v1/node/";
        }

        @Override
        List<String> names() {
            return names;
        }
    }

    @Command(name = "cluster", mixinStandardHelpOptions = true, description = "Run the cluster checks (all, or the named ones).")
    static class Cluster extends Run {
        @Parameters(paramLabel = "NAME", arity = "0..*", description = "Checks to run (default: all).")
        List<String> names = List.of();

        @Override
        String path() {
            return "/system/checks/v1/cluster/";
        }

        @Override
        List<String> names() {
            return names;
        }
    }

    @Command(name = "node-poststart", mixinStandardHelpOptions = true,
            description = "Run the configured post-start checks of the node (whether it came up right).")
    static class NodePoststart extends Run {
        @Override
        String path() {
            return "/system/checks/v1/node/poststart";
        }
    }

    @Command(name = "node-prestart", mixinStandardHelpOptions = true,
            description = "Run the configured pre-start checks of the node (whether it may start).")
    static class NodePrestart extends Run {
        @Override
        String path() {
            return "/system/checks/v1/node/prestart";
        }
    }
}
