package day2ops.cli.diagnostics;

import day2ops.cli.api.CliException;
import day2ops.cli.api.ClusterClient;
import day2ops.cli.api.ClusterOptions;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code day2 diagnostics bundle status [ID]}: one bundle's state, or the table of all bundles. */
@Command(name = "status",
        mixinStandardHelpOptions = true,
        description = {"Show a bundle's status, progress, size and errors; without ID, list every bundle.",
            "Example: day2 diagnostics bundle status"})
public class BundleStatusCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Mixin
    BundleScope scope;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "Bundle id (default: list all).")
    String id;

    @Option(names = "--json", description = "Print the API's JSON as it came.")
    boolean json;

    @Override
    public Integer call() {
        ClusterClient client = cluster.client();
        JsonStructure answer = client.getJson(scope.path(id));
        if (json) {
            System.out.println(answer == null ? "[]" : answer.toString());
        } else if (id == null) {
            System.out.print(Bundles.listTable(answer == null ? List.of() : Bundles.list(answer)));
        } else if (answer instanceof JsonObject bundle) {
            System.out.print(Bundles.detail(bundle));
        } else {
            throw new CliException(client.uri(scope.path(id)) + " answered without a bundle object");
        }
        return 0;
    }
}
