package day2ops.cli.diagnostics;

import day2ops.cli.api.CliException;
import day2ops.cli.api.ClusterClient;
import day2ops.cli.api.ClusterOptions;
import day2ops.cli.format.Progress;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonStructure;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code day2 diagnostics bundle create}: {@code PUT /system/health/v1/diagnostics/{id}} with a new id, the
 * body naming the nodes; prints the id; with {@code --wait} polls the bundle until it ends, showing progress.
 */
@Command(name = "create",
        mixinStandardHelpOptions = true,
        description = {"Start a diagnostics bundle and print its id (on stdout; all else goes to stderr).",
            "Without --masters/--agents/--node the bundle covers every node; --node excludes --masters/--agents.",
            "Example: id=$(day2 diagnostics bundle create --agents); day2 diagnostics bundle status $id"})
public class BundleCreateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Mixin
    BundleScope scope;

    @Option(names = "--masters", description = "Include every master.")
    boolean masters;

    @Option(names = "--agents", description = "Include every agent (private and public).")
    boolean agents;

    @Option(names = "--node", paramLabel = "IP", description = "Include this node (repeatable).")
    List<String> nodes = List.of();

    @Option(names = "--wait", description = "Wait until the bundle is done, with progress on stderr; "
            + "exit 1 if it fails or is canceled.")
    boolean waitForIt;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "1",
            description = "Seconds between status polls with --wait (default: ${DEFAULT-VALUE}).")
    double interval;

    @Override
    public Integer call() {
        if (scope.local && (masters || agents || !nodes.isEmpty())) {
            throw new ParameterException(spec.commandLine(), "--local bundles cover this node only; "
                    + "--masters, --agents and --node apply to cluster bundles");
        }
        if (!nodes.isEmpty() && (masters || agents)) {
            throw new ParameterException(spec.commandLine(), "give either --node or --masters/--agents, not both");
        }
        if (!(interval > 0) || interval > 3600) {
            throw new ParameterException(spec.commandLine(), "--interval must be between 0 and 3600 seconds, got " + interval);
        }
        for (String node : nodes) {
            if (!node.matches("[0-9A-Za-z.:\\-]+")) {
                throw new ParameterException(spec.commandLine(), "--node must be a node IP or host name, got '" + node + "'");
            }
        }
        ClusterClient client = cluster.client();
        String id = UUID.randomUUID().toString();
        client.send("PUT", client.uri(scope.path(id)), "application/json", body().toString());
        System.out.println(id);
        System.out.flush();
        if (!waitForIt) {
            return 0;
        }
        JsonObject bundle = BundleWaiter.await(client, scope.path(id), id, Progress.onStderr(), (long) (interval * 1000));
        String status = bundle.getString("status", "?");
        if ("Done".equals(status)) {
            System.err.println("bundle " + id + " done (" + Bundles.size(bundle) + "); download it with: "
                    + "day2 diagnostics bundle download " + (scope.local ? "--local " : "") + id);
            return 0;
        }
        List<String> errors = Bundles.errors(bundle);
        throw new CliException("bundle " + id + " ended " + status + (errors.isEmpty() ? "" : ": " + String.join("; ", errors)));
    }

    /**
     * {@code {"nodes":[…]}}, or {@code {"masters":…,"agents":…}} (both when nothing is selected); {@code {}}
     * for a node bundle.
     */
    JsonObject body() {
        JsonObjectBuilder body = Json.createObjectBuilder();
        if (scope.local) {
            return body.build();
        }
        if (!nodes.isEmpty()) {
            JsonArrayBuilder list = Json.createArrayBuilder();
            nodes.forEach(list::add);
            return body.add("nodes", list).build();
        }
        boolean everything = !masters && !agents;
        return body.add("masters", masters || everything).add("agents", agents || everything).build();
    }

    /** Polls a bundle until it reaches a final status. */
    static final class BundleWaiter {

        private BundleWaiter() {
        }

        static JsonObject await(ClusterClient client, String path, String id, Progress progress, long intervalMillis) {
            try {
                while (true) {
                    JsonStructure answer = client.getJson(path);
                    if (!(answer instanceof JsonObject bundle)) {
                        throw new CliException(client.uri(path) + " answered without a bundle object");
                    }
                    String status = bundle.getString("status", "?");
                    long total = Bundles.number(bundle, "total");
                    progress.update("bundle " + id.substring(0, Math.min(8, id.length())), Math.max(0, Bundles.number(bundle, "collected")),
                            total, Long::toString, status);
                    if (Bundles.FINAL.contains(status)) {
                        return bundle;
                    }
                    Thread.sleep(intervalMillis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException("interrupted while waiting for bundle " + id);
            } finally {
                progress.finish();
            }
        }
    }
}
