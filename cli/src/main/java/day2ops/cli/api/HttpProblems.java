package day2ops.cli.api;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;

/** Turns an HTTP error answer into the one line the user sees: {@code 403 Forbidden: <detail>}. */
public final class HttpProblems {

    private static final int MAX_PLAIN_DETAIL = 200;

    private HttpProblems() {
    }

    /**
     * The message for status {@code status} and body {@code body}: the problem+json {@code detail} (else its
     * {@code title}), else the first line of a short plain-text body, else the reason phrase alone.
     */
    public static String message(int status, String body) {
        String detail = detail(body);
        String head = status + " " + reason(status);
        return detail == null || detail.isBlank() || detail.equalsIgnoreCase(reason(status)) ? head : head + ": " + detail;
    }

    static String detail(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        String trimmed = body.strip();
        if (trimmed.startsWith("{")) {
            try (JsonReader reader = Json.createReader(new StringReader(trimmed))) {
                JsonObject problem = reader.readObject();
                String detail = string(problem, "detail");
                return detail != null ? detail : string(problem, "title");
            } catch (RuntimeException notJson) {
                // fall through to the plain-text rule
            }
        }
        if (trimmed.startsWith("<")) {
            return null; // an HTML error page says nothing the status does not
        }
        String firstLine = trimmed.lines().findFirst().orElse("");
        return firstLine.length() > MAX_PLAIN_DETAIL ? firstLine.substring(0, MAX_PLAIN_DETAIL) + "…" : firstLine;
    }

    private static String string(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value != null && value.getValueType() == JsonValue.ValueType.STRING ? object.getString(name) : null;
    }

    /** The standard reason phrase of an HTTP status. */
    public static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 413 -> "Payload Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 507 -> "Insufficient Storage";
            default -> status < 500 ? "Client Error" : "Server Error";
        };
    }
}
