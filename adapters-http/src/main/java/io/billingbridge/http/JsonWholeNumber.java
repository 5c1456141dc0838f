package io.billingbridge.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;

/**
 * Reads a body field that must be a JSON integer, refusing what Jackson would otherwise coerce into one: a fraction
 * such as {@code 2.5} (truncated to 2), a string such as {@code "3"}, a boolean.
 */
public final class JsonWholeNumber extends StdScalarDeserializer<Long> {
    private static final long serialVersionUID = 1L;

    public JsonWholeNumber() {
        super(Long.class);
    }

    @Override
    public Long deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            return parser.getLongValue();
        }
        return (Long) context.handleUnexpectedToken(Long.class, parser);
    }
}
