package day2ops.cli;

import day2ops.cli.debug.ExecCommand;
import day2ops.cli.logs.TaskLogCommand;
import day2ops.cli.metrics.TaskMetricsCommand;
import picocli.CommandLine.Command;

/** {@code day2 task}: commands on running tasks. */
@Command(name = "task",
        mixinStandardHelpOptions = true,
        description = "Work with running tasks: output, metrics, exec.",
        subcommands = {TaskLogCommand.class, TaskMetricsCommand.class, ExecCommand.class})
public class TaskCommand {
}
