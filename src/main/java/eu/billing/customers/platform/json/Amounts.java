package eu.billing.customers.platform.json;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * Money amounts on the wire: JSON strings holding a non-negative decimal with at most four
 * decimal places ({@code "12.50"}), never JSON numbers, so that no client parses them as floats.
 * Stored as NUMERIC(19,4).
 */
public final class Amounts {

    private static final Pattern AMOUNT = Pattern.compile("^(0|[1-9][0-9]{0,14})(\\.[0-9]{1,4})?$");
    static final String RULE = "must be a non-negative decimal string with at most 15 integer digits "
            + "and 4 decimal places, such as \"12.50\"";

    private Amounts() {
    }

    /** Canonical wire form: trailing zeros dropped, but at least two decimals ("12.50", "0.00"). */
    public static String format(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        if (stripped.scale() < 2) {
            stripped = stripped.setScale(2);
        }
        return stripped.toPlainString();
    }

    public static final class Serializer extends StdSerializer<BigDecimal> {
        public Serializer() {
            super(BigDecimal.class);
        }

        @Override
        public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(format(value));
        }
    }

    public static final class Deserializer extends StdDeserializer<BigDecimal> {
        public Deserializer() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (BigDecimal) ctxt.handleUnexpectedToken(BigDecimal.class, p);
            }
            String text = p.getText();
            if (!AMOUNT.matcher(text).matches()) {
                throw InvalidFormatException.from(p, RULE, text, BigDecimal.class);
            }
            return new BigDecimal(text);
        }
    }
}
