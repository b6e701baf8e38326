package day2ops.cli.diagnostics;

import picocli.CommandLine.Command;

/** {@code day2 diagnostics}: cluster diagnostics (bundles). */
@Command(name = "diagnostics",
        mixinStandardHelpOptions = true,
        description = "Cluster diagnostics.",
        subcommands = {BundleCommand.class})
public class DiagnosticsCommand {
}
