package day2ops.cli.logs;

import day2ops.cli.api.AgentOption;
import day2ops.cli.api.ClusterClient;
import day2ops.cli.api.ClusterOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code day2 node log}: a node's journal, whole or one unit's, from {@code /system/v1/logs/v2/component}. */
@Command(name = "log",
        mixinStandardHelpOptions = true,
        description = {"Print a node's journal (all of it, or one systemd unit's), optionally following it.",
            "Example: day2 node log --unit dcos-mesos-slave --lines 50 --follow"})
public class NodeLogCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Mixin
    AgentOption agent;

    @Mixin
    LogOptions log;

    @Option(names = {"-u", "--unit"}, paramLabel = "UNIT",
            description = "Only this systemd unit's lines (UNIT or _SYSTEMD_UNIT); '.service' is added to a name without a suffix.")
    String unit;

    @Option(names = "--json", description = "Print each entry as the logs API's JSON object, one per line.")
    boolean json;

    @Override
    public Integer call() {
        if (log.lines < 0) {
            throw new ParameterException(spec.commandLine(), "--lines must be 0 or more, got " + log.lines);
        }
        if (unit != null && (unit.isBlank() || unit.contains("/"))) {
            throw new ParameterException(spec.commandLine(), "--unit must be a unit name, got '" + unit + "'");
        }
        ClusterClient client = cluster.client();
        String path = agent.servicePath("logs") + "/v2/component"
                + (unit == null ? "" : "/" + ClusterClient.segment(unitName(unit))) + "?" + log.tailQuery();
        if (log.follow) {
            LogPrinter.follow(client, client.uri(path), json, System.out, System.err);
        } else {
            LogPrinter.printOnce(client, client.uri(path), json, System.out);
        }
        return 0;
    }

    /** {@code sshd} → {@code sshd.service}, as {@code journalctl -u} does; names with a unit suffix stay. */
    static String unitName(String unit) {
        return unit.matches(".+\\.(service|socket|target|timer|mount|automount|path|slice|scope|swap|device)")
                ? unit : unit + ".service";
    }
}
