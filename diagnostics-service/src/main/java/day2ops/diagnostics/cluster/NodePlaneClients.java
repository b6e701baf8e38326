package day2ops.diagnostics.cluster;

import day2ops.diagnostics.config.DiagnosticsConfig;
import day2ops.diagnostics.grpc.NodePlaneClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * One {@link NodePlaneClient} per node (one HTTP/2 channel each, reused by every call), all carrying the
 * service account's token from {@code diagnostics.cluster.service-account-token-file}.
 */
@ApplicationScoped
public class NodePlaneClients {

    private static final Logger LOG = Logger.getLogger(NodePlaneClients.class);

    private final DiagnosticsConfig.Cluster config;
    private final Map<String, NodePlaneClient> clients = new ConcurrentHashMap<>();

    public NodePlaneClients(DiagnosticsConfig config) {
        this.config = config.cluster();
    }

    /** The client of {@code node}'s node plane. */
    public NodePlaneClient of(ClusterNode node) {
        return clients.computeIfAbsent(node.planeHost() + ":" + node.planePort(),
                key -> new NodePlaneClient(node.planeHost(), node.planePort(), this::token, config.timeout()));
    }

    /** The service account's token as the file holds it now; {@code null} when none is configured. */
    String token() {
        Optional<Path> file = config.serviceAccountTokenFile();
        if (file.isEmpty()) {
            return null;
        }
        try {
            return Files.readString(file.get(), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the service account token " + file.get() + ": " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void close() {
        clients.values().forEach(client -> {
            try {
                client.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.debugf(e, "closing a node plane client");
            }
        });
    }
}
