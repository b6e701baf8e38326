package day2ops.cli.diagnostics;

import picocli.CommandLine.Command;

/** {@code day2 diagnostics bundle}: create, watch, download, delete and cancel diagnostics bundles. */
@Command(name = "bundle",
        mixinStandardHelpOptions = true,
        description = "Diagnostics bundles: journals, endpoint dumps, files, command outputs and check results of nodes, as a zip.",
        subcommands = {BundleCreateCommand.class, BundleStatusCommand.class, BundleDownloadCommand.class,
            BundleDeleteCommand.class, BundleCancelCommand.class})
public class BundleCommand {
}
