package day2ops.cli.diagnostics;

import day2ops.cli.api.ClusterClient;
import day2ops.cli.api.ClusterOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code day2 diagnostics bundle delete ID}: {@code DELETE …/diagnostics/{id}} (also cancels a running one). */
@Command(name = "delete",
        mixinStandardHelpOptions = true,
        description = "Delete a bundle and its file (a running bundle is canceled first).")
public class BundleDeleteCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Mixin
    BundleScope scope;

    @Parameters(index = "0", paramLabel = "ID", description = "Bundle id.")
    String id;

    @Override
    public Integer call() {
        ClusterClient client = cluster.client();
        client.send("DELETE", client.uri(scope.path(id)), "application/json", null);
        System.out.println("bundle " + id + " deleted");
        return 0;
    }
}
