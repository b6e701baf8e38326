package day2ops.cli;

import day2ops.cli.diagnostics.NodeDiagnosticsCommand;
import day2ops.cli.logs.NodeLogCommand;
import day2ops.cli.metrics.NodeMetricsCommand;
import picocli.CommandLine.Command;

/** {@code day2 node}: logs, metrics and health of nodes. */
@Command(name = "node",
        mixinStandardHelpOptions = true,
        description = "Work with nodes: journal, metrics, unit health.",
        subcommands = {NodeLogCommand.class, NodeMetricsCommand.class, NodeDiagnosticsCommand.class})
public class NodeCommand {
}
