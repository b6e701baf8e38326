package day2ops.logs.journal;

import day2ops.common.problem.Problem;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** problem+json bodies for the routes that write to the Vert.x response directly (same shape as common's mappers). */
public final class Problems {

    private Problems() {
    }

    public static void send(HttpServerResponse response, int status, String detail, String instance) {
        if (response.headWritten() || response.closed()) {
            // Already answered (e.g. Quarkus sent the authentication challenge itself) or the client is gone.
            return;
        }
        io.netty.handler.codec.http.HttpResponseStatus reason = io.netty.handler.codec.http.HttpResponseStatus.valueOf(status);
        JsonObject body = new JsonObject()
                .put("type", "about:blank")
                .put("title", reason.reasonPhrase())
                .put("status", status)
                .put("detail", detail)
                .put("instance", instance);
        response.setStatusCode(status)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(body.encode());
    }
}
