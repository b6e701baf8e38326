package day2ops.cli;

import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import picocli.CommandLine;

/** Entry point of {@code day2}: hands the arguments to picocli and exits with its code. */
@QuarkusMain
public class Day2Main implements QuarkusApplication {

    @Override
    public int run(String... args) {
        return new CommandLine(new Day2Command()).execute(args);
    }
}
