package day2ops.common.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem detail, the body of every error response of every service.
 *
 * @param type a URI naming the problem type; {@code about:blank} when the status says it all
 * @param title the status reason phrase
 * @param status the HTTP status code
 * @param detail what went wrong, for a person: precise, never a stack trace
 * @param instance the request path the problem occurred on
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";
    // The constructor, not MediaType.valueOf: valueOf looks up the JAX-RS RuntimeDelegate through the thread's
    // context class loader, which on a Vert.x thread of a restarted test application is not the application's.
    public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");

    public static Problem of(Response.StatusType status, String detail, String instance) {
        return new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, instance);
    }

    /** A response builder carrying this problem as its problem+json entity. */
    public Response.ResponseBuilder toResponse() {
        return Response.status(status).type(PROBLEM_JSON).entity(this);
    }
}
