package day2ops.universe;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Optional;

/** Strict JSON reading and writing shared by the validators and the index generator. */
public final class JsonFiles {

    /**
     * Duplicate keys are rejected: Marathon and Cosmos would silently keep one of them, which in
     * a template almost always hides a mistake.
     */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private JsonFiles() {
    }

    /** Thrown when text is not one well-formed JSON document. */
    public static final class JsonSyntaxException extends Exception {
        JsonSyntaxException(String message) {
            super(message);
        }
    }

    /** Parses {@code text}; the exception message carries line and column of the first error. */
    public static JsonNode parse(String text) throws JsonSyntaxException {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new JsonSyntaxException("is empty, expected a JSON document");
            }
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String position = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
            throw new JsonSyntaxException("is not valid JSON" + position + ": " + e.getOriginalMessage());
        }
    }

    /** The first byte outside 7-bit ASCII, described with its line and column, if there is one. */
    public static Optional<String> firstNonAscii(byte[] content) {
        int line = 1;
        int column = 1;
        for (byte b : content) {
            if ((b & 0x80) != 0) {
                return Optional.of(String.format("byte 0x%02X at line %d, column %d is not ASCII"
                        + " (write non-ASCII text as a \\uXXXX escape)", b & 0xFF, line, column));
            }
            if (b == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return Optional.empty();
    }
}
