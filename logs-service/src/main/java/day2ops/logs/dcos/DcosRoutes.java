package day2ops.logs.dcos;

import day2ops.journal.Journal;
import day2ops.journal.JournalException;
import day2ops.logs.acl.LineAccess;
import day2ops.logs.acl.TaskAppResolver;
import day2ops.logs.config.LogsConfig;
import day2ops.logs.format.DcosJsonFormat;
import day2ops.logs.format.DcosTextFormat;
import day2ops.logs.format.EntryFormat;
import day2ops.logs.journal.JournalSource;
import day2ops.logs.journal.JournalStream;
import day2ops.logs.journal.LogRequestException;
import day2ops.logs.journal.Problems;
import day2ops.logs.journal.ReaderPool;
import day2ops.logs.journal.ReaderThread;
import day2ops.logs.rest.MediaTypes;
import day2ops.logs.rest.RouteAuth;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The DC/OS Logging API over journald: v1 ({@code /v1/range/}, {@code /v1/stream/}, their task
 * variants and {@code /download}, {@code /v1/fields/{field}}) and v2 components
 * ({@code /v2/component[/{unit}]}). Streaming, backpressure, follow and disconnect handling are
 * {@link JournalStream}'s; per-line authorization is {@link LineAccess}'s.
 */
@ApplicationScoped
public class DcosRoutes {

    static final List<String> OFFERS = List.of("text/plain", "application/json", "text/event-stream");
    static final Set<String> V1_FIELDS = Set.of("FRAMEWORK_ID", "AGENT_ID", "EXECUTOR_ID", "CONTAINER_ID", "STREAM");
    private static final Pattern POSTFIX = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String TASK = "/framework/:fw/executor/:ex/container/:cid";

    private final JournalSource source;
    private final ReaderPool pool;
    private final LogsConfig config;
    private final TaskAppResolver resolver;

    public DcosRoutes(JournalSource source, ReaderPool pool, LogsConfig config, TaskAppResolver resolver) {
        this.source = source;
        this.pool = pool;
        this.config = config;
        this.resolver = resolver;
    }

    void routes(@Observes Router router) {
        router.get("/v1/range/").handler(rc -> v1(rc, false, false, false));
        router.get("/v1/range/download").handler(rc -> v1(rc, false, false, true));
        router.get("/v1/range" + TASK).handler(rc -> v1(rc, false, true, false));
        router.get("/v1/range" + TASK + "/download").handler(rc -> v1(rc, false, true, true));
        router.get("/v1/stream/").handler(rc -> v1(rc, true, false, false));
        router.get("/v1/stream" + TASK).handler(rc -> v1(rc, true, true, false));
        router.get("/v1/fields/:field").handler(rc -> RouteAuth.require(rc, LineAccess::seesEverything, id -> fields(rc)));
        router.get("/v2/component").handler(rc -> v2(rc, null, false));
        router.get("/v2/component/download").handler(rc -> v2(rc, null, true));
        router.get("/v2/component/:unit").handler(rc -> v2(rc, rc.pathParam("unit"), false));
        router.get("/v2/component/:unit/download").handler(rc -> v2(rc, rc.pathParam("unit"), true));
    }

    private void v1(RoutingContext rc, boolean stream, boolean task, boolean download) {
        RouteAuth.require(rc, LineAccess::mayHoldTaskLines, identity -> {
            DcosQuery query = DcosQuery.v1(rc.queryParams(), stream);
            String fw = task ? rc.pathParam("fw") : null;
            String ex = task ? rc.pathParam("ex") : null;
            String cid = task ? rc.pathParam("cid") : null;
            String name = task ? "task-" + cid : "root-range";
            start(rc, identity, query, stream, download, name, (journal, headers) -> {
                if (task) {
                    if (!LineAccess.mayReadTask(identity, resolver, fw, ex, cid)) {
                        throw new LogRequestException(403, "no permission for the logs of this task's application");
                    }
                    journal.addMatch("FRAMEWORK_ID", fw);
                    journal.addMatch("EXECUTOR_ID", ex);
                    journal.addMatch("CONTAINER_ID", cid);
                }
            });
        });
    }

    private void v2(RoutingContext rc, String unit, boolean download) {
        RouteAuth.require(rc, LineAccess::seesEverything, identity -> {
            DcosQuery query = DcosQuery.v2(rc.queryParams());
            boolean sse = "text/event-stream".equals(negotiate(rc));
            start(rc, identity, query, sse && !download, download, unit == null ? "component" : "component-" + unit,
                    (journal, headers) -> {
                        if (unit != null) {
                            journal.addMatch("UNIT", unit);
                            journal.addDisjunction();
                            journal.addMatch("_SYSTEMD_UNIT", unit);
                            journal.addConjunction();
                        }
                    });
        });
    }

    private String negotiate(RoutingContext rc) {
        String type = MediaTypes.negotiate(rc.request().getHeader("Accept"), OFFERS, "text/plain");
        if (type == null) {
            throw new LogRequestException(406, "Accept '" + rc.request().getHeader("Accept")
                    + "' matches none of application/json, text/event-stream, text/plain");
        }
        return type;
    }

    private void start(RoutingContext rc, SecurityIdentity identity, DcosQuery query, boolean follow, boolean download,
            String name, JournalStream.Setup routeMatches) {
        String type = download ? "text/plain" : negotiate(rc);
        EntryFormat format = switch (type) {
            case "application/json" -> new DcosJsonFormat(false);
            case "text/event-stream" -> new DcosJsonFormat(true);
            default -> new DcosTextFormat(config.timeZone());
        };
        String lastEventId = rc.request().getHeader("Last-Event-ID");
        if (lastEventId != null && lastEventId.isBlank()) {
            lastEventId = null;
        }
        String resumeAfter = lastEventId;
        JournalStream.Builder builder = JournalStream.builder()
                .reader(pool.assign())
                .source(source)
                .response(rc.response(), Vertx.currentContext(), rc.request().path())
                .format(format)
                .chunkBytes(config.chunkBytes())
                .follow(follow)
                .limit(query.limit())
                .noContentWhenEmpty(!follow)
                .filter(LineAccess.filterFor(identity, resolver))
                .header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no");
        if (download) {
            String postfix = rc.queryParams().get("postfix");
            if (postfix != null && !POSTFIX.matcher(postfix).matches()) {
                throw LogRequestException.badRequest("postfix may only contain A-Z, a-z, 0-9, '.', '_' and '-' (at most 64)");
            }
            builder.gzip(true)
                    .header("Content-Type", "application/gzip")
                    .header("Content-Disposition", "attachment; filename=" + name + (postfix == null ? "" : "-" + postfix) + ".log.gz");
        }
        DcosPositioning[] positioning = new DcosPositioning[1];
        builder.setup((journal, headers) -> {
            routeMatches.apply(journal, headers);
            for (Map.Entry<String, String> filter : query.filters()) {
                journal.addMatch(filter.getKey(), filter.getValue());
            }
            positioning[0] = DcosPositioning.position(journal, query, resumeAfter, follow, headers);
        });
        builder.positioning(journal -> positioning[0].advance(journal));
        builder.build().start();
    }

    private void fields(RoutingContext rc) {
        String field = rc.pathParam("field");
        String path = rc.request().path();
        if (!V1_FIELDS.contains(field)) {
            throw LogRequestException.badRequest("field must be one of " + String.join(", ", V1_FIELDS.stream().sorted().toList())
                    + ", got '" + field + "'");
        }
        Context context = Vertx.currentContext();
        ReaderThread reader = pool.assign();
        reader.execute(() -> {
            JsonArray values = new JsonArray();
            try (Journal journal = source.open()) {
                for (byte[] value : journal.uniqueValues(field)) {
                    values.add(new String(value, StandardCharsets.UTF_8));
                }
            } catch (JournalException e) {
                context.runOnContext(v -> Problems.send(rc.response(), 500, "reading the journal failed: " + e.getMessage(), path));
                return;
            }
            context.runOnContext(v -> rc.response().putHeader("Content-Type", "application/json").end(values.encode()));
        });
    }
}
