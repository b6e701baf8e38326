package day2ops.debug.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import day2ops.common.audit.AccessAudit;
import day2ops.common.audit.AccessDecision;
import day2ops.common.audit.AuditLog;
import day2ops.common.audit.AuditRecord;
import day2ops.common.audit.AuditUnavailableException;
import day2ops.common.auth.DcosTokenAuthMechanism;
import day2ops.common.auth.Permissions;
import day2ops.common.problem.Problem;
import day2ops.debug.audit.AsciicastRecorder;
import day2ops.debug.config.DebugConfig;
import day2ops.debug.exec.ChannelProtocol;
import day2ops.debug.exec.ExecBackend;
import day2ops.debug.exec.ExecProcess;
import day2ops.debug.exec.ExecRequest;
import day2ops.debug.exec.ExecSession;
import day2ops.debug.exec.SessionLimits;
import day2ops.debug.task.RunningTask;
import day2ops.debug.task.TaskLocator;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * {@code GET /v1/tasks/{taskId}/exec}: authenticates and authorizes the caller, checks the request and
 * the limits, writes the start audit record, starts the command and upgrades to a WebSocket speaking
 * {@code v5.channel.k8s.io} or {@code v4.channel.k8s.io}. Everything refused before the upgrade is a
 * problem+json response; after it, the outcome arrives on channel 3.
 */
@ApplicationScoped
public class ExecRoute implements HttpServerOptionsCustomizer {

    static final String PATH = "/v1/tasks/:taskId/exec";

    private static final Logger LOG = Logger.getLogger(ExecRoute.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TERM = Pattern.compile("[A-Za-z0-9._+-]{1,64}");

    private final DcosTokenAuthMechanism authentication;
    private final IdentityProviderManager identities;
    private final TaskLocator tasks;
    private final ExecBackend backend;
    private final SessionLimits limits;
    private final AuditLog audit;
    private final AccessAudit access;
    private final DebugConfig config;
    private final Vertx vertx;

    public ExecRoute(DcosTokenAuthMechanism authentication, IdentityProviderManager identities, TaskLocator tasks,
            ExecBackend backend, SessionLimits limits, AuditLog audit, AccessAudit access, DebugConfig config, Vertx vertx) {
        this.authentication = authentication;
        this.identities = identities;
        this.tasks = tasks;
        this.backend = backend;
        this.limits = limits;
        this.audit = audit;
        this.access = access;
        this.config = config;
        this.vertx = vertx;
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        // Vert.x answers the handshake with the first subprotocol of the client's list that is also here.
        options.setWebSocketSubProtocols(ChannelProtocol.SUBPROTOCOLS);
    }

    void register(@Observes Router router) {
        router.get(PATH).order(-10).handler(this::handle);
    }

    private void handle(RoutingContext context) {
        context.request().pause();
        authentication.authenticate(context, identities).subscribe().with(
                identity -> {
                    if (identity == null || identity.isAnonymous()) {
                        String detail = "authentication required: send a valid token as 'Authorization: token=<jwt>'";
                        access.denied(context, null, AccessDecision.AUTHENTICATED, detail, taskDetails(context, Response.Status.UNAUTHORIZED));
                        problem(context, Response.Status.UNAUTHORIZED, detail);
                    } else {
                        authorized(context, identity);
                    }
                },
                failure -> {
                    if (failure instanceof AuthenticationFailedException) {
                        access.denied(context, null, AccessDecision.AUTHENTICATED, "invalid authentication token",
                                taskDetails(context, Response.Status.UNAUTHORIZED));
                        problem(context, Response.Status.UNAUTHORIZED, "invalid authentication token");
                    } else {
                        LOG.errorf(failure, "authentication failed unexpectedly on %s", context.request().path());
                        problem(context, Response.Status.INTERNAL_SERVER_ERROR, "authentication failed; see the service log");
                    }
                });
    }

    private void authorized(RoutingContext context, SecurityIdentity identity) {
        String uid = identity.getPrincipal().getName();
        String taskId = context.pathParam("taskId");
        if (!identity.getRoles().contains(Permissions.DEBUG)) {
            deny(context, identity, Permissions.DEBUG, Response.Status.FORBIDDEN,
                    "the token does not carry the permission this resource requires: " + Permissions.DEBUG);
            return;
        }
        ExecRequest request;
        try {
            request = parse(context.request(), config.exec().term());
        } catch (IllegalArgumentException e) {
            problem(context, Response.Status.BAD_REQUEST, e.getMessage());
            return;
        }
        Optional<String> subprotocolProblem = upgradeProblem(context.request());
        if (subprotocolProblem.isPresent()) {
            problem(context, Response.Status.BAD_REQUEST, subprotocolProblem.get());
            return;
        }
        vertx.<RunningTask>executeBlocking(() -> tasks.locate(taskId).orElse(null), false).onComplete(located -> {
            if (located.failed()) {
                LOG.errorf(located.cause(), "locating task %s failed", taskId);
                problem(context, Response.Status.INTERNAL_SERVER_ERROR, "locating task '" + taskId + "' failed; see the service log");
                return;
            }
            RunningTask task = located.result();
            if (task == null) {
                problem(context, Response.Status.NOT_FOUND, "task '" + taskId + "' is not running on this node");
                return;
            }
            String required = task.appId().map(Permissions::appSandbox).orElse(Permissions.SUPERUSER);
            if (!Permissions.grants(identity.getRoles(), required)) {
                deny(context, identity, required, Response.Status.FORBIDDEN,
                        "exec into task '" + taskId + "' requires the permission " + required);
                return;
            }
            Optional<String> refused = limits.acquire(uid);
            if (refused.isPresent()) {
                deny(context, identity, required, Response.Status.TOO_MANY_REQUESTS, refused.get());
                return;
            }
            access.allowed(context, identity, required, Map.of("TASK_ID", taskId));
            start(context, uid, task, request);
        });
    }

    private void start(RoutingContext context, String uid, RunningTask task, ExecRequest request) {
        String sessionId = UUID.randomUUID().toString();
        Instant startedAt = Instant.now();
        Map<String, String> fields = sessionFields(sessionId, uid, task, request, startedAt);
        vertx.<Started>executeBlocking(() -> {
            // The start record says whether the session is recorded, so the recording is opened first.
            Optional<AsciicastRecorder> recorder = openRecorder(sessionId, uid, task, request, fields);
            try {
                audit.writeNow(new AuditRecord("exec-start",
                        "user " + uid + " started exec session " + sessionId + " in task " + task.taskId() + ": "
                                + String.join(" ", request.command()), fields));
                return new Started(backend.start(task, request), recorder);
            } catch (AuditUnavailableException | IOException | RuntimeException e) {
                recorder.ifPresent(AsciicastRecorder::close);
                throw e;
            }
        }, false).onComplete(started -> {
            if (started.failed()) {
                limits.release(uid);
                Throwable cause = started.cause();
                if (cause instanceof AuditUnavailableException) {
                    LOG.error(cause.getMessage(), cause.getCause());
                    problem(context, Response.Status.SERVICE_UNAVAILABLE, "exec sessions are refused while the audit trail cannot be written");
                    return;
                }
                Map<String, String> end = new LinkedHashMap<>(fields);
                end.put("END_REASON", "start-failed");
                end.put("ERROR", String.valueOf(cause.getMessage()));
                audit.write(new AuditRecord("exec-end", "exec session " + sessionId + " could not start: " + cause.getMessage(), end));
                if (cause instanceof IOException) {
                    problem(context, Response.Status.INTERNAL_SERVER_ERROR,
                            "cannot start the command in task '" + task.taskId() + "': " + cause.getMessage());
                } else {
                    LOG.errorf(cause, "starting exec session %s failed", sessionId);
                    problem(context, Response.Status.INTERNAL_SERVER_ERROR, "cannot start the command; see the service log");
                }
                return;
            }
            ExecProcess process = started.result().process();
            Optional<AsciicastRecorder> recorder = started.result().recorder();
            context.request().toWebSocket().onComplete(upgraded -> {
                if (upgraded.failed()) {
                    LOG.warnf("session %s: WebSocket upgrade failed: %s", sessionId, upgraded.cause().getMessage());
                    recorder.ifPresent(AsciicastRecorder::close);
                    process.kill();
                    process.exitCode().whenComplete((code, failure) -> ended(uid, sessionId, fields,
                            new ExecSession.Outcome(code == null ? -1 : code, "upgrade-failed", 0, 0)));
                    return;
                }
                new ExecSession(sessionId, upgraded.result(), request, process, vertx,
                        config.exec().idleTimeout(), config.exec().maxDuration(),
                        config.exec().inputBytesPerSecond(), config.exec().inputBurstBytes(), recorder)
                        .start(outcome -> ended(uid, sessionId, fields, outcome));
            });
        });
    }

    private record Started(ExecProcess process, Optional<AsciicastRecorder> recorder) {
    }

    /**
     * Opens the session's recording when recordings are configured; {@code RECORDING} names the file only
     * when it was opened, {@code RECORDING_ERROR} says why not (the session then runs unrecorded).
     */
    private Optional<AsciicastRecorder> openRecorder(String sessionId, String uid, RunningTask task, ExecRequest request,
            Map<String, String> fields) {
        if (config.audit().recordingDir().isEmpty()) {
            return Optional.empty();
        }
        java.nio.file.Path file = config.audit().recordingDir().get().resolve(sessionId + ".cast");
        try {
            AsciicastRecorder recorder = AsciicastRecorder.create(file, 80, 24, request.term(),
                    uid + "@" + task.taskId() + ": " + String.join(" ", request.command()));
            fields.put("RECORDING", file.toString());
            return Optional.of(recorder);
        } catch (IOException | RuntimeException e) {
            String reason = "cannot record to " + file + ": " + e;
            LOG.errorf("session %s is not recorded: %s", sessionId, reason);
            fields.put("RECORDING_ERROR", reason);
            return Optional.empty();
        }
    }

    private void ended(String uid, String sessionId, Map<String, String> startFields, ExecSession.Outcome outcome) {
        limits.release(uid);
        Map<String, String> fields = new LinkedHashMap<>(startFields);
        fields.put("END", Instant.now().toString());
        fields.put("EXIT_STATUS", Integer.toString(outcome.exitCode()));
        fields.put("END_REASON", outcome.endReason());
        fields.put("BYTES_IN", Long.toString(outcome.bytesIn()));
        fields.put("BYTES_OUT", Long.toString(outcome.bytesOut()));
        audit.write(new AuditRecord("exec-end", "exec session " + sessionId + " of user " + uid + " ended: "
                + outcome.endReason() + ", exit status " + outcome.exitCode(), fields));
    }

    private static Map<String, String> sessionFields(String sessionId, String uid, RunningTask task,
            ExecRequest request, Instant startedAt) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("SESSION_ID", sessionId);
        fields.put("UID", uid);
        fields.put("TASK_ID", task.taskId());
        task.appId().ifPresent(app -> fields.put("APP_ID", app));
        task.pid().ifPresent(pid -> fields.put("PID", Long.toString(pid)));
        task.containerId().ifPresent(container -> fields.put("CONTAINER_ID", container));
        try {
            fields.put("COMMAND", JSON.writeValueAsString(request.command()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        fields.put("TTY", Boolean.toString(request.tty()));
        fields.put("STDIN", Boolean.toString(request.stdin()));
        fields.put("START", startedAt.toString());
        return fields;
    }

    /** Refuses the request and records the decision ({@code access}, {@code deny}, with the task and the status). */
    private void deny(RoutingContext context, SecurityIdentity identity, String permission, Response.Status status, String detail) {
        access.denied(context, identity, permission, detail, taskDetails(context, status));
        problem(context, status, detail);
    }

    private static Map<String, String> taskDetails(RoutingContext context, Response.Status status) {
        return Map.of("TASK_ID", String.valueOf(context.pathParam("taskId")), "STATUS", Integer.toString(status.getStatusCode()));
    }

    static ExecRequest parse(HttpServerRequest request, String defaultTerm) {
        List<String> command = request.params().getAll("command");
        if (command.isEmpty() || command.get(0).isEmpty()) {
            throw new IllegalArgumentException("query parameter 'command' is required (repeat it for each argument)");
        }
        boolean tty = flag(request, "tty");
        String term = request.getParam("term");
        if (term == null) {
            term = defaultTerm;
        } else if (!TERM.matcher(term).matches()) {
            throw new IllegalArgumentException("query parameter 'term' must match " + TERM.pattern());
        }
        return new ExecRequest(command, flag(request, "stdin"), tty, term);
    }

    private static boolean flag(HttpServerRequest request, String name) {
        String value = request.getParam(name);
        if (value == null) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new IllegalArgumentException("query parameter '" + name + "' must be true or false, not '" + value + "'");
        };
    }

    private static Optional<String> upgradeProblem(HttpServerRequest request) {
        String upgrade = request.getHeader(HttpHeaders.UPGRADE);
        if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
            return Optional.of("exec needs a WebSocket upgrade (Upgrade: websocket) with subprotocol "
                    + String.join(" or ", ChannelProtocol.SUBPROTOCOLS));
        }
        String offered = request.getHeader("Sec-WebSocket-Protocol");
        if (offered == null || java.util.Arrays.stream(offered.split(","))
                .map(String::strip).noneMatch(ChannelProtocol.SUBPROTOCOLS::contains)) {
            return Optional.of("Sec-WebSocket-Protocol must offer " + String.join(" or ", ChannelProtocol.SUBPROTOCOLS)
                    + (offered == null ? "" : ", not '" + offered + "'"));
        }
        return Optional.empty();
    }

    private static void problem(RoutingContext context, Response.Status status, String detail) {
        Problem problem = Problem.of(status, detail, context.request().path());
        try {
            var response = context.response().setStatusCode(status.getStatusCode())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
            if (status == Response.Status.UNAUTHORIZED) {
                response.putHeader("WWW-Authenticate", DcosTokenAuthMechanism.CHALLENGE);
            }
            response.end(JSON.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
