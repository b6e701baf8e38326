package day2ops.metrics.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.Map;

/**
 * One v0 datapoint. {@code value} is written as an integer when it is whole, as a decimal
 * otherwise, and as {@code ""} when NaN or infinite (JSON has no NaN; DC/OS clients expect "").
 *
 * @param tags omitted when empty
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Datapoint(String name, @JsonSerialize(using = Datapoint.ValueSerializer.class) double value,
        String unit, String timestamp, Map<String, String> tags) {

    /** Writes NaN and ±Infinity as {@code ""}, whole numbers without a fraction. */
    public static final class ValueSerializer extends StdSerializer<Double> {

        private static final double MAX_EXACT_LONG = 9.007199254740992E15;

        public ValueSerializer() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator json, SerializerProvider provider) throws IOException {
            double v = value;
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                json.writeString("");
            } else if (v == Math.rint(v) && Math.abs(v) < MAX_EXACT_LONG) {
                json.writeNumber((long) v);
            } else {
                json.writeNumber(v);
            }
        }

        @Override
        public boolean isEmpty(SerializerProvider provider, Double value) {
            return false;
        }
    }
}
