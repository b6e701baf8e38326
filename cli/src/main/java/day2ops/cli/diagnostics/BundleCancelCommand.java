package day2ops.cli.diagnostics;

import day2ops.cli.api.ClusterClient;
import day2ops.cli.api.ClusterOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code day2 diagnostics bundle cancel ID}: {@code POST …/diagnostics/{id}/cancel}. */
@Command(name = "cancel",
        mixinStandardHelpOptions = true,
        description = "Cancel a running bundle (it ends Canceled; what was collected is discarded).")
public class BundleCancelCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Mixin
    BundleScope scope;

    @Parameters(index = "0", paramLabel = "ID", description = "Bundle id.")
    String id;

    @Override
    public Integer call() {
        ClusterClient client = cluster.client();
        client.send("POST", client.uri(scope.path(id) + "/cancel"), "application/json", null);
        System.out.println("bundle " + id + " cancel requested");
        return 0;
    }
}
