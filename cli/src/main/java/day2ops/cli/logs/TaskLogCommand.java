package day2ops.cli.logs;

import day2ops.cli.api.ClusterClient;
import day2ops.cli.api.ClusterOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code day2 task log TASK}: a file of a task's sandbox ({@code stdout} by default) from
 * {@code /system/v1/logs/v2/task/{task}/file/{file}}, which redirects (303) to the task's agent.
 */
@Command(name = "log",
        mixinStandardHelpOptions = true,
        description = {"Print a task's stdout (or another sandbox file, e.g. --file stderr), optionally following it.",
            "The task is a task name, a task id or a unique part of an id. Example: day2 task log team_app.6f1c -f"})
public class TaskLogCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Mixin
    LogOptions log;

    @Parameters(index = "0", paramLabel = "TASK", description = "Task name, id, or a unique part of an id.")
    String task;

    @Option(names = "--file", paramLabel = "FILE", defaultValue = "stdout",
            description = "Sandbox file to read (default: ${DEFAULT-VALUE}; e.g. stderr).")
    String file;

    @Option(names = "--json", description = "Print each line as the logs API's JSON object.")
    boolean json;

    @Override
    public Integer call() {
        if (log.lines < 0) {
            throw new ParameterException(spec.commandLine(), "--lines must be 0 or more, got " + log.lines);
        }
        if (task.isBlank() || file.isBlank()) {
            throw new ParameterException(spec.commandLine(), "TASK and --file must not be empty");
        }
        ClusterClient client = cluster.client();
        String path = "/system/v1/logs/v2/task/" + ClusterClient.segment(task) + "/file/" + ClusterClient.segment(file)
                + "?" + log.tailQuery();
        if (log.follow) {
            LogPrinter.follow(client, client.uri(path), json, System.out, System.err);
        } else {
            LogPrinter.printOnce(client, client.uri(path), json, System.out);
        }
        return 0;
    }
}
