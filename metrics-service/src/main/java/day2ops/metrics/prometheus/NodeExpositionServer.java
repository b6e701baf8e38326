package day2ops.metrics.prometheus;

import day2ops.metrics.config.MetricsConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The dedicated node exposition port ({@code metrics.prometheus.port}, default 61091): only
 * {@code GET /metrics}, everything included, no token — for the node's own Prometheus agent, so
 * it binds to loopback unless configured otherwise. Any other path is 404.
 */
@ApplicationScoped
public class NodeExpositionServer {

    private static final Logger LOG = Logger.getLogger(NodeExpositionServer.class);

    private final MetricsConfig.Prometheus config;
    private final ExpositionService exposition;
    private final Vertx vertx;
    private HttpServer server;

    public NodeExpositionServer(MetricsConfig config, ExpositionService exposition, Vertx vertx) {
        this.config = config.prometheus();
        this.exposition = exposition;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) throws Exception {
        if (config.port() < 0) {
            return;
        }
        server = vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port()))
                .requestHandler(request -> {
                    if (!"/metrics".equals(request.path())) {
                        request.response().setStatusCode(404).end();
                        return;
                    }
                    if (!request.method().name().equals("GET") && !request.method().name().equals("HEAD")) {
                        request.response().setStatusCode(405).putHeader("Allow", "GET, HEAD").end();
                        return;
                    }
                    request.response().putHeader("Content-Type", Exposition.CONTENT_TYPE)
                            .end(exposition.render(metadata -> true));
                });
        server = server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        LOG.infof("node Prometheus exposition on http://%s:%d/metrics", config.host(), server.actualPort());
    }

    void stop(@Observes ShutdownEvent event) throws Exception {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** The bound port (useful when configured as 0), or -1 when disabled. */
    public int port() {
        return server == null ? -1 : server.actualPort();
    }
}
