package day2ops.cli;

import day2ops.cli.api.CliException;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Entry point of {@code day2}: hands the arguments to picocli and exits with its code. Failures become one
 * line on stderr ({@code day2: <what>}) and the documented exit code — never a stack trace.
 */
@QuarkusMain
public class Day2Main implements QuarkusApplication {

    @Override
    public int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Day2Command());
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            if (exception instanceof CliException e) {
                if (e.exitCode() == 2) {
                    failed.getErr().println("day2: " + e.getMessage());
                    failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more information.");
                    failed.getErr().flush();
                    return 2;
                }
                failed.getErr().println("day2: " + e.getMessage());
                failed.getErr().flush();
                return e.exitCode();
            }
            String what = exception instanceof UncheckedIOException io ? io.getCause().toString() : exception.toString();
            failed.getErr().println("day2: unexpected failure: " + what);
            failed.getErr().flush();
            return CliException.FAILED;
        });
        return commandLine;
    }
}
