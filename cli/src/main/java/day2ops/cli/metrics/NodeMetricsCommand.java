package day2ops.cli.metrics;

import day2ops.cli.api.AgentOption;
import day2ops.cli.api.CliException;
import day2ops.cli.api.ClusterClient;
import day2ops.cli.api.ClusterOptions;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code day2 node metrics}: the node's metrics from {@code /system/v1/metrics/v0/node}. */
@Command(name = "metrics",
        mixinStandardHelpOptions = true,
        description = {"Show a node's metrics (CPU, memory, load, filesystems, network) as a table.",
            "Example: day2 node metrics --agent 9f3c-S1"})
public class NodeMetricsCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Mixin
    AgentOption agent;

    @Option(names = "--json", description = "Print the Metrics API's JSON as it came.")
    boolean json;

    @Override
    public Integer call() {
        ClusterClient client = cluster.client();
        JsonStructure message = client.getJson(agent.servicePath("metrics") + "/v0/node");
        if (message == null) {
            throw new CliException("the node has not collected metrics yet (204); try again in a few seconds");
        }
        System.out.print(json ? message + "\n" : MetricsTable.render("node metrics", (JsonObject) message));
        return 0;
    }
}
