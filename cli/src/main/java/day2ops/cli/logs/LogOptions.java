package day2ops.cli.logs;

import picocli.CommandLine.Option;

/** {@code --follow} and {@code --lines}, common to node and task logs. */
public class LogOptions {

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines as they arrive (reconnects after a "
            + "dropped connection, resuming after the last line printed).")
    boolean follow;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "10",
            description = "Print the last N lines first (default: ${DEFAULT-VALUE}; 0 with --follow: only new lines).")
    int lines;

    /** The query selecting the last {@code lines} lines: {@code cursor=END&skip=-N}. */
    String tailQuery() {
        return lines == 0 ? "cursor=END" : "cursor=END&skip=-" + lines;
    }
}
