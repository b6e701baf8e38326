package day2ops.logs.dcos;

import day2ops.journal.Journal;
import day2ops.journal.JournalException;
import day2ops.logs.acl.LineAccess;
import day2ops.logs.acl.TaskAppResolver;
import day2ops.logs.config.LogsConfig;
import day2ops.logs.errors.ServiceErrors;
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
import day2ops.common.auth.Permissions;
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
    private final RouteAuth auth;
    private final ServiceErrors errors;

    public DcosRoutes(JournalSource source, ReaderPool pool, LogsConfig config, TaskAppResolver resolver, RouteAuth auth,
            ServiceErrors errors) {
        this.source = source;
        this.pool = pool;
        this.config = config;
        this.resolver = resolver;
        this.auth = auth;
        this.errors = errors;
    }

    void routes(@Observes Router router) {
        router.get("/v1/range/").handler(rc -> v1(rc, false, false, false));
        router.get("/v1/range/download").handler(rc -> v1(rc, false, false, true));
        router.get("/v1/range" + TASK).handler(rc -> v1(rc, false, true, false));
        router.get("/v1/range" + TASK + "/download").handler(rc -> v1(rc, false, true, true));
        router.get("/v1/stream/").handler(rc -> v1(rc, true, false, false));
        router.get("/v1/stream" + TASK).handler(rc -> v1(rc, true, true, false));
        router.get("/v1/fields/:field").handler(rc -> auth.require(rc, Permissions.SYSTEM_LOGS, LineAccess::seesEverything, id -> fields(rc)));
        router.get("/v2/component").handler(rc -> v2(rc, null, false));
        router.get("/v2/component/download").handler(rc -> v2(rc, null, true));
        router.get("/v2/component/:unit").handler(rc -> v2(rc, rc.pathParam("unit"), false));
        router.get("/v2/component/:unit/download").handler(rc -> v2(rc, rc.pathParam("unit"), true));
    }

    private void v1(RoutingContext rc, boolean stream, boolean task, boolean download) {
        auth.require(rc, RouteAuth.TASK_LINES_PERMISSION, LineAccess::mayHoldTaskLines, identity -> {
            DcosQuery query = DcosQuery.v1(rc.queryParams(), stream);
            if (!task) {
                start(rc, identity, query, stream, download, "root-range", journal -> { });
                return;
            }
            String fw = rc.pathParam("fw");
            String ex = rc.pathParam("ex");
            String cid = rc.pathParam("cid");
            JournalStream.Matches taskMatches = journal -> {
                journal.addMatch("FRAMEWORK_ID", fw);
                journal.addMatch("EXECUTOR_ID", ex);
                journal.addMatch("CONTAINER_ID", cid);
            };
            // May need the agent: decided asynchronously, the request continues on its event loop.
            Context context = Vertx.currentContext();
            String path = rc.request().path();
            LineAccess.mayReadTask(identity, resolver, fw, ex, cid).thenAccept(allowed -> context.runOnContext(v -> {
                if (!allowed) {
                    auth.deniedTask(rc, identity, "no permission for the logs of this task's application");
                    Problems.send(rc.response(), 403, "no permission for the logs of this task's application", path);
                    return;
                }
                try {
                    start(rc, identity, query, stream, download, "task-" + cid, taskMatches);
                } catch (LogRequestException e) {
                    errors.refused(e, path);
                    Problems.send(rc.response(), e.status(), e.getMessage(), path);
                }
            }));
        });
    }

    private void v2(RoutingContext rc, String unit, boolean download) {
        auth.require(rc, Permissions.SYSTEM_LOGS, LineAccess::seesEverything, identity -> {
            DcosQuery query = DcosQuery.v2(rc.queryParams());
            boolean sse = "text/event-stream".equals(negotiate(rc));
            start(rc, identity, query, sse && !download, download, unit == null ? "component" : "component-" + unit,
                    journal -> {
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
            String name, JournalStream.Matches routeMatches) {
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
                .errors(errors)
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
        builder.matches(journal -> {
            routeMatches.apply(journal);
            for (Map.Entry<String, String> filter : query.filters()) {
                journal.addMatch(filter.getKey(), filter.getValue());
            }
        });
        builder.setup((journal, headers) -> {
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
                errors.record(ServiceErrors.Type.JOURNAL_READ, "reading the values of " + field + " failed on " + path, e);
                context.runOnContext(v -> Problems.send(rc.response(), 500, "reading the journal failed: " + e.getMessage(), path));
                return;
            }
            context.runOnContext(v -> rc.response().putHeader("Content-Type", "application/json").end(values.encode()));
        });
    }
}
