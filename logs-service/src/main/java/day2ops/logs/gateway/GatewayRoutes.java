package day2ops.logs.gateway;

import day2ops.common.auth.Permissions;
import day2ops.journal.Journal;
import day2ops.journal.JournalException;
import day2ops.logs.config.LogsConfig;
import day2ops.logs.errors.ServiceErrors;
import day2ops.logs.format.EntryFormat;
import day2ops.logs.format.ExportFormat;
import day2ops.logs.format.JournalJsonFormat;
import day2ops.logs.format.ShortFormat;
import day2ops.logs.journal.JournalSource;
import day2ops.logs.journal.JournalStream;
import day2ops.logs.journal.LogRequestException;
import day2ops.logs.journal.Problems;
import day2ops.logs.journal.ReaderPool;
import day2ops.logs.journal.ReaderThread;
import day2ops.logs.rest.MediaTypes;
import day2ops.logs.rest.RouteAuth;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The systemd-journal-gatewayd compatible API: {@code GET /entries}, {@code GET /fields/{FIELD}},
 * {@code GET /machine}, with gatewayd's parameters, output shapes and error conditions (errors as
 * problem+json with the precise reason). Requires {@code dcos:adminrouter:ops:system-logs}: these
 * routes expose the whole journal.
 */
@ApplicationScoped
public class GatewayRoutes {

    static final List<String> ENTRY_TYPES = List.of("text/plain", "application/json", "text/event-stream",
            "application/vnd.fdo.journal");

    private final JournalSource source;
    private final ReaderPool pool;
    private final LogsConfig config;
    private final MachineInfo machine;
    private final RouteAuth auth;
    private final ServiceErrors errors;

    public GatewayRoutes(JournalSource source, ReaderPool pool, LogsConfig config, MachineInfo machine, RouteAuth auth,
            ServiceErrors errors) {
        this.source = source;
        this.pool = pool;
        this.config = config;
        this.machine = machine;
        this.auth = auth;
        this.errors = errors;
    }

    void routes(@Observes Router router) {
        router.get("/entries").handler(rc -> auth.require(rc, Permissions.SYSTEM_LOGS, GatewayRoutes::mayReadJournal, id -> entries(rc)));
        router.get("/fields/:field").handler(rc -> auth.require(rc, Permissions.SYSTEM_LOGS, GatewayRoutes::mayReadJournal, id -> fields(rc)));
        router.get("/machine").handler(rc -> auth.require(rc, Permissions.SYSTEM_LOGS, GatewayRoutes::mayReadJournal, id -> machine(rc)));
    }

    static boolean mayReadJournal(io.quarkus.security.identity.SecurityIdentity identity) {
        return identity.hasRole(Permissions.SYSTEM_LOGS) || identity.hasRole(Permissions.SUPERUSER);
    }

    private void entries(RoutingContext rc) {
        String type = MediaTypes.negotiate(rc.request().getHeader("Accept"), ENTRY_TYPES, "text/plain");
        EntryFormat format = switch (type == null ? "text/plain" : type) {
            case "application/json" -> new JournalJsonFormat(false);
            case "text/event-stream" -> new JournalJsonFormat(true);
            case "application/vnd.fdo.journal" -> new ExportFormat();
            default -> new ShortFormat(config.timeZone());
        };
        EntriesRange range = EntriesRange.parse(rc.request().getHeader("Range"));
        GatewayArguments args = GatewayArguments.parse(rc.queryParams());
        if (args.discrete() && range.cursor() == null) {
            throw LogRequestException.badRequest("Discrete seeks require a cursor specification.");
        }
        long limit = args.discrete() ? 1 : range.entries();
        ReaderThread reader = pool.assign();
        JournalStream.builder()
                .reader(reader)
                .source(source)
                .errors(errors)
                .response(rc.response(), Vertx.currentContext(), rc.request().path())
                .format(format)
                .chunkBytes(config.chunkBytes())
                .follow(args.follow())
                .limit(limit)
                .header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no")
                .matches(journal -> args.applyMatches(journal, machine.bootId()))
                .setup((journal, headers) -> {
                    try {
                        if (range.cursor() != null) {
                            journal.seekCursor(range.cursor());
                        } else if (range.sinceMicros() >= 0) {
                            journal.seekRealtimeMicros(range.sinceMicros());
                        } else if (range.skip() >= 0) {
                            journal.seekHead();
                        } else {
                            journal.seekTail();
                        }
                    } catch (JournalException e) {
                        throw LogRequestException.badRequest("Failed to seek in journal: " + e.getMessage());
                    }
                })
                .positioning(new GatewayPositioning(range.skip(), args.discrete() ? range.cursor() : null, range.untilMicros()))
                .build()
                .start();
    }

    private void fields(RoutingContext rc) {
        String field = rc.pathParam("field");
        boolean json = "application/json".equals(
                MediaTypes.negotiate(rc.request().getHeader("Accept"), List.of("text/plain", "application/json"), "text/plain"));
        Context context = Vertx.currentContext();
        String path = rc.request().path();
        ReaderThread reader = pool.assign();
        reader.execute(() -> {
            byte[] body;
            try (Journal journal = source.open()) {
                List<byte[]> values;
                try {
                    values = journal.uniqueValues(field);
                } catch (IllegalArgumentException | JournalException e) {
                    String reason = e.getMessage();
                    errors.record(ServiceErrors.Type.BAD_REQUEST, path + ": Failed to query unique fields: " + reason);
                    context.runOnContext(v -> Problems.send(rc.response(), 400, "Failed to query unique fields: " + reason, path));
                    return;
                }
                body = FieldsOutput.encode(field, values, json);
            } catch (RuntimeException e) {
                errors.record(ServiceErrors.Type.JOURNAL_READ, "reading the values of " + field + " failed on " + path, e);
                context.runOnContext(v -> Problems.send(rc.response(), 500, "reading the journal failed: " + e.getMessage(), path));
                return;
            }
            context.runOnContext(v -> rc.response()
                    .putHeader("Content-Type", json ? "application/json" : "text/plain")
                    .end(io.vertx.core.buffer.Buffer.buffer(body)));
        });
    }

    private void machine(RoutingContext rc) {
        Context context = Vertx.currentContext();
        String path = rc.request().path();
        ReaderThread reader = pool.assign();
        reader.execute(() -> {
            String body;
            try (Journal journal = source.open()) {
                body = machine.describe(journal);
            } catch (RuntimeException e) {
                errors.record(ServiceErrors.Type.JOURNAL_READ, "describing the journal failed on " + path, e);
                context.runOnContext(v -> Problems.send(rc.response(), 500, "reading the journal failed: " + e.getMessage(), path));
                return;
            }
            context.runOnContext(v -> rc.response().putHeader("Content-Type", "application/json").end(body));
        });
    }

    /** gatewayd's URL arguments: {@code follow}, {@code discrete}, {@code boot} (booleans) and {@code FIELD=value} matches. */
    record GatewayArguments(boolean follow, boolean discrete, boolean boot, List<Map.Entry<String, String>> matches) {

        static GatewayArguments parse(MultiMap query) {
            boolean follow = false;
            boolean discrete = false;
            boolean boot = false;
            List<Map.Entry<String, String>> matches = new java.util.ArrayList<>();
            for (Map.Entry<String, String> argument : query) {
                String key = argument.getKey();
                String value = argument.getValue();
                switch (key) {
                    case "follow" -> follow = bool(key, value);
                    case "discrete" -> discrete = bool(key, value);
                    case "boot" -> boot = bool(key, value);
                    default -> {
                        String problem = matchProblem(key);
                        if (problem != null) {
                            throw LogRequestException.badRequest("Failed to parse URL arguments: " + problem);
                        }
                        matches.add(Map.entry(key, value == null ? "" : value));
                    }
                }
            }
            return new GatewayArguments(follow, discrete, boot, matches);
        }

        void applyMatches(Journal journal, String bootId) {
            for (Map.Entry<String, String> match : matches) {
                try {
                    journal.addMatch(match.getKey(), match.getValue());
                } catch (IllegalArgumentException | JournalException e) {
                    throw LogRequestException.badRequest("Failed to parse URL arguments: match " + match.getKey() + ": " + e.getMessage());
                }
            }
            if (boot) {
                journal.addMatch("_BOOT_ID", bootId);
            }
        }

        /** systemd's {@code parse_boolean}; an empty value (as in {@code ?follow}) is true. */
        static boolean bool(String key, String value) {
            if (value == null || value.isEmpty()) {
                return true;
            }
            switch (value.toLowerCase(Locale.ROOT)) {
                case "1", "yes", "y", "true", "t", "on":
                    return true;
                case "0", "no", "n", "false", "f", "off":
                    return false;
                default:
                    throw LogRequestException.badRequest("Failed to parse URL arguments: " + key + "='" + value + "' is not a boolean");
            }
        }

        /** libsystemd's match rules: non-empty, A–Z, 0–9 and _, not starting with two underscores. */
        static String matchProblem(String key) {
            if (key.isEmpty()) {
                return "empty field name";
            }
            if (key.startsWith("__")) {
                return "field '" + key + "' starts with __ (address fields cannot be matched)";
            }
            for (int i = 0; i < key.length(); i++) {
                char c = key.charAt(i);
                if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
                    return "invalid field name '" + key + "' (only A-Z, 0-9 and _ are allowed)";
                }
            }
            return null;
        }
    }
}
