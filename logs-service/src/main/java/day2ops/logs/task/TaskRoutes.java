package day2ops.logs.task;

import day2ops.logs.acl.LineAccess;
import day2ops.logs.acl.TaskAppResolver;
import day2ops.logs.config.LogsConfig;
import day2ops.logs.errors.ServiceErrors;
import day2ops.logs.format.FileLineFormat;
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
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Task logs on the node: {@code GET /v2/task/frameworks/{fw}/executors/{ex}/runs/{cid}[/tasks/{task}]/{file}}
 * (+ {@code /download}, and {@code …/files/browse[?path=dir]}) served from the sandbox under the agent work
 * dir, with file cursors (byte offsets | BEG | END), {@code skip=±N}, {@code limit}, {@code Last-Event-ID},
 * follow by file-change notification for {@code text/event-stream}. Paths that leave the sandbox are 400.
 * Readable with {@code system-logs} or the task's application permission.
 */
@ApplicationScoped
public class TaskRoutes {

    private static final Pattern ROUTE = Pattern.compile(
            "^/v2/task/frameworks/([^/]+)/executors/([^/]+)/runs/([^/]+)(?:/tasks/([^/]+))?/(.+)$");
    private static final Pattern DISCOVERY = Pattern.compile("^/v2/task/([^/]+)(?:/file/([^/]+))?(/browse|/download)?$");
    static final List<String> OFFERS = List.of("text/plain", "application/json", "text/event-stream");

    private final LogsConfig config;
    private final ReaderPool pool;
    private final TaskAppResolver resolver;
    private final FileChangeWatcher watcher;

    private final TaskDiscovery discovery;

    private final RouteAuth auth;
    private final ServiceErrors errors;

    public TaskRoutes(LogsConfig config, ReaderPool pool, TaskAppResolver resolver, FileChangeWatcher watcher,
            TaskDiscovery discovery, RouteAuth auth, ServiceErrors errors) {
        this.auth = auth;
        this.errors = errors;
        this.discovery = discovery;
        this.config = config;
        this.pool = pool;
        this.resolver = resolver;
        this.watcher = watcher;
    }

    void routes(@Observes Router router) {
        router.getWithRegex("/v2/task/frameworks/.+").handler(rc -> auth.require(rc, RouteAuth.TASK_LINES_PERMISSION, LineAccess::mayHoldTaskLines,
                identity -> sandboxFile(rc, identity)));
        router.getWithRegex("/v2/task/[^/]+(/file/[^/]+)?(/browse|/download)?").handler(rc -> auth.require(rc,
                RouteAuth.TASK_LINES_PERMISSION, LineAccess::mayHoldTaskLines, identity -> discover(rc)));
    }

    /**
     * {@code /v2/task/{task}[/file/{file}][/browse|/download]}: 303 to the task's node, keeping the query;
     * the node's Adminrouter forwards {@code /system/v1/agent/{agent}/logs/…} to its logs service.
     */
    private void discover(RoutingContext rc) {
        Matcher m = DISCOVERY.matcher(rc.request().path());
        if (!m.matches()) {
            throw new LogRequestException(404, "no such task route: " + rc.request().path());
        }
        String task = decode(m.group(1));
        String file = m.group(2) == null ? "stdout" : decode(m.group(2));
        String suffix = m.group(3) == null ? "" : m.group(3);
        Context context = Vertx.currentContext();
        String path = rc.request().path();
        String query = rc.request().query();
        // The master call blocks: on a worker thread, never on a reader thread that serves streams.
        rc.vertx().executeBlocking(() -> {
            try {
                TaskDiscovery.Location l = discovery.find(task);
                String target = "/system/v1/agent/" + l.agentId() + "/logs/v2/task/frameworks/" + l.frameworkId()
                        + "/executors/" + l.executorId() + "/runs/" + l.containerId()
                        + (l.taskPath() == null ? "" : "/tasks/" + l.taskPath())
                        + (suffix.equals("/browse") ? "/files/browse" : "/" + file + suffix)
                        + (query == null || query.isEmpty() ? "" : "?" + query);
                context.runOnContext(v -> rc.response().setStatusCode(303).putHeader("Location", target).end());
            } catch (LogRequestException e) {
                if (e.status() == 502) {
                    errors.record(ServiceErrors.Type.TASK_DISCOVERY, path + ": " + e.getMessage());
                }
                errors.refused(e, path);
                context.runOnContext(v -> Problems.send(rc.response(), e.status(), e.getMessage(), path));
            }
            return null;
        }, false);
    }

    private void sandboxFile(RoutingContext rc, SecurityIdentity identity) {
        Matcher m = ROUTE.matcher(rc.request().path());
        if (!m.matches()) {
            throw new LogRequestException(404, "no such task route: " + rc.request().path());
        }
        String fw = decode(m.group(1));
        String ex = decode(m.group(2));
        String cid = decode(m.group(3));
        String taskPath = m.group(4) == null ? null : decode(m.group(4));
        String rest = decode(m.group(5));
        String accept = MediaTypes.negotiate(rc.request().getHeader("Accept"), OFFERS, "text/plain");
        if (accept == null) {
            throw new LogRequestException(406, "Accept matches none of text/plain, application/json, text/event-stream");
        }
        Context context = Vertx.currentContext();
        ReaderThread reader = pool.assign();
        String path = rc.request().path();
        // Resolving the task's application may call the agent: asynchronously, then the file work on a reader thread.
        LineAccess.mayReadTask(identity, resolver, fw, ex, cid).thenAccept(allowed -> reader.execute(() -> {
            try {
                if (!allowed) {
                    auth.deniedTask(rc, identity, "no permission for the logs of this task's application");
                    throw new LogRequestException(403, "no permission for the logs of this task's application");
                }
                Path sandbox = SandboxFiles.sandbox(config.mesos().workDir(), fw, ex, cid, taskPath).toRealPath();
                if (rest.equals("files/browse")) {
                    String dir = rc.queryParams().get("path");
                    JsonArray listing = browse(SandboxFiles.resolve(sandbox, dir == null || dir.isEmpty() ? "." : dir, true), sandbox);
                    context.runOnContext(v -> rc.response().putHeader("Content-Type", "application/json").end(listing.encode()));
                    return;
                }
                boolean download = rest.endsWith("/download");
                String relative = download ? rest.substring(0, rest.length() - "/download".length()) : rest;
                Path file = SandboxFiles.resolve(sandbox, relative, false);
                if (download) {
                    String name = "task-" + cid + "-" + file.getFileName();
                    context.runOnContext(v -> rc.response()
                            .putHeader("Content-Type", "application/octet-stream")
                            .putHeader("Content-Disposition", "attachment; filename=" + name)
                            .sendFile(file.toString()));
                    return;
                }
                read(rc, context, reader, file, accept, path);
            } catch (LogRequestException e) {
                errors.refused(e, path);
                context.runOnContext(v -> Problems.send(rc.response(), e.status(), e.getMessage(), path));
            } catch (IOException e) {
                context.runOnContext(v -> Problems.send(rc.response(), 404, "sandbox not readable: " + e.getMessage(), path));
            }
        }));
    }

    private void read(RoutingContext rc, Context context, ReaderThread reader, Path file, String accept, String path)
            throws IOException {
        var q = rc.queryParams();
        if (q.contains("filter")) {
            throw LogRequestException.badRequest("filter applies to journal reads only, not to sandbox files");
        }
        long limit = -1;
        if (q.get("limit") != null) {
            limit = parseLong(q.get("limit"), "limit must be a positive integer, got '" + q.get("limit") + "'");
            if (limit <= 0) {
                throw LogRequestException.badRequest("limit must be a positive integer, got '" + q.get("limit") + "'");
            }
        }
        long skip = q.get("skip") == null ? 0
                : parseLong(q.get("skip"), "skip must be an integer (negative reads backwards), got '" + q.get("skip") + "'");
        String lastEventId = rc.request().getHeader("Last-Event-ID");
        String cursor = q.get("cursor");
        long position;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (lastEventId != null && !lastEventId.isBlank()) {
                long id = parseLong(lastEventId.trim(), "Last-Event-ID must be a byte offset, got '" + lastEventId + "'");
                if (id < 0) {
                    throw LogRequestException.badRequest("Last-Event-ID must be a byte offset, got '" + lastEventId + "'");
                }
                position = SandboxFiles.startAfter(channel, id);
            } else {
                if (cursor == null) {
                    cursor = skip < 0 ? "END" : "BEG";
                }
                if (cursor.equals("BEG")) {
                    position = 0;
                } else if (cursor.equals("END")) {
                    position = SandboxFiles.endOfCompleteLines(channel);
                } else {
                    long offset = parseLong(cursor, "cursor must be BEG, END or a byte offset, got '" + cursor + "'");
                    if (offset < 0) {
                        throw LogRequestException.badRequest("cursor must be BEG, END or a byte offset, got '" + cursor + "'");
                    }
                    position = SandboxFiles.startAfter(channel, offset);
                }
                if (skip > 0) {
                    position = SandboxFiles.forward(channel, position, skip);
                } else if (skip < 0) {
                    position = SandboxFiles.backward(channel, position, -skip);
                }
            }
        }
        FileLineFormat format = switch (accept) {
            case "application/json" -> FileLineFormat.JSON;
            case "text/event-stream" -> FileLineFormat.EVENT_STREAM;
            default -> FileLineFormat.TEXT;
        };
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-cache");
        headers.put("X-Accel-Buffering", "no");
        FileStream stream = new FileStream(reader, watcher, file, position, limit, format == FileLineFormat.EVENT_STREAM,
                format, config.chunkBytes(), headers, rc.response(), context, path, errors);
        long start = position;
        context.runOnContext(v -> {
            try {
                stream.start();
            } catch (IOException e) {
                Problems.send(rc.response(), 404, "cannot open " + file.getFileName() + " at " + start + ": " + e.getMessage(), path);
            }
        });
    }

    static JsonArray browse(Path dir, Path sandbox) throws IOException {
        JsonArray entries = new JsonArray();
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.sorted().toList()) {
                PosixFileAttributes a = Files.readAttributes(child, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                String type = a.isDirectory() ? "d" : a.isSymbolicLink() ? "l" : "-";
                entries.add(new JsonObject()
                        .put("path", sandbox.relativize(child).toString())
                        .put("size", a.size())
                        .put("mode", type + PosixFilePermissions.toString(a.permissions()))
                        .put("mtime", a.lastModifiedTime().toMillis() / 1000.0)
                        .put("uid", a.owner().getName())
                        .put("gid", a.group().getName())
                        .put("nlink", ((Number) Files.getAttribute(child, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).longValue()));
            }
        }
        return entries;
    }

    private static long parseLong(String text, String problem) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw LogRequestException.badRequest(problem);
        }
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
