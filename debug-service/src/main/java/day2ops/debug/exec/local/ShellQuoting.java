package day2ops.debug.exec.local;

import java.util.List;
import java.util.stream.Collectors;

/** POSIX shell quoting, for the one place a command line passes through {@code sh -c} (script). */
final class ShellQuoting {

    private ShellQuoting() {
    }

    /** Each argument in single quotes ({@code '} written as {@code '\''}), joined by spaces. */
    static String join(List<String> argv) {
        return argv.stream().map(ShellQuoting::quote).collect(Collectors.joining(" "));
    }

    static String quote(String argument) {
        return "'" + argument.replace("'", "'\\''") + "'";
    }
}
