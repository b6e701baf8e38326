package day2ops.cli;

import day2ops.cli.checks.CheckCommand;
import day2ops.cli.diagnostics.DiagnosticsCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code day2}: the operator CLI of day2ops. */
@Command(name = "day2",
        mixinStandardHelpOptions = true,
        versionProvider = Day2Command.Version.class,
        description = "Operate a day2ops cluster: logs, metrics, health, diagnostics, debug.",
        subcommands = {NodeCommand.class, TaskCommand.class, AppCommand.class, DiagnosticsCommand.class,
            CheckCommand.class, TokenCommand.class})
public class Day2Command {

    /** The version of this build, from the jar manifest. */
    static class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Day2Command.class.getPackage().getImplementationVersion();
            return new String[] {"day2 " + (version == null ? "(development build)" : version)};
        }
    }
}
