package day2ops.cli;

import day2ops.cli.debug.AppDebugCommand;
import picocli.CommandLine.Command;

/** {@code day2 app}: commands on Marathon applications and pods. */
@Command(name = "app",
        mixinStandardHelpOptions = true,
        description = "Work with Marathon applications and pods.",
        subcommands = {AppDebugCommand.class})
public class AppCommand {
}
