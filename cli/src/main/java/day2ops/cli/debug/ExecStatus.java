package day2ops.cli.debug;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;

/** Reads the final status (channel 3) into the exit code the CLI returns. */
final class ExecStatus {

    /** What a status means for the caller: the exit code, and a message when it was not the command's own. */
    record Outcome(int exitCode, String message) {
    }

    private ExecStatus() {
    }

    static Outcome parse(String json) {
        JsonObject status;
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            status = reader.readObject();
        } catch (RuntimeException e) {
            return new Outcome(1, "unreadable status from the server: " + json);
        }
        if ("Success".equals(status.getString("status", ""))) {
            return new Outcome(0, null);
        }
        if ("NonZeroExitCode".equals(status.getString("reason", ""))) {
            JsonObject details = status.getJsonObject("details");
            JsonArray causes = details == null ? null : details.getJsonArray("causes");
            if (causes != null) {
                for (JsonValue cause : causes) {
                    JsonObject c = cause.asJsonObject();
                    if ("ExitCode".equals(c.getString("reason", ""))) {
                        try {
                            return new Outcome(Integer.parseInt(c.getString("message", "")), null);
                        } catch (NumberFormatException e) {
                            break;
                        }
                    }
                }
            }
        }
        return new Outcome(1, status.getString("reason", "Failure") + ": " + status.getString("message", json));
    }
}
