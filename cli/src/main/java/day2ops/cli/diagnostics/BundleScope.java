package day2ops.cli.diagnostics;

import day2ops.cli.api.ClusterClient;
import picocli.CommandLine.Option;

/** Which bundle API: the cluster's (masters, default) or, with {@code --local}, the node's own. */
public class BundleScope {

    @Option(names = "--local", description = "Use the node-level bundle API (/system/health/v1/node/diagnostics) "
            + "of the node behind --url instead of the cluster's.")
    boolean local;

    /** {@code /system/health/v1/diagnostics} or {@code /system/health/v1/node/diagnostics}, plus the bundle id. */
    String path(String id) {
        String base = local ? "/system/health/v1/node/diagnostics" : "/system/health/v1/diagnostics";
        return id == null ? base : base + "/" + ClusterClient.segment(id);
    }
}
