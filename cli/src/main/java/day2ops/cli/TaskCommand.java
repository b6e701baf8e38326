package day2ops.cli;

import day2ops.cli.debug.ExecCommand;
import picocli.CommandLine.Command;

/** {@code day2 task}: commands on running tasks. */
@Command(name = "task",
        mixinStandardHelpOptions = true,
        description = "Work with running tasks.",
        subcommands = {ExecCommand.class})
public class TaskCommand {
}
