package dev.meshmall.product.api;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

/**
 * Whole numbers only. Jackson would read {@code 19.99} into a long as 19 (its ACCEPT_FLOAT_AS_INT is on):
 * a price sent as a float must be refused, not truncated. The refusal names the field (422).
 */
final class WholeNumbers {
    private WholeNumbers() {
    }

    static final class Amount extends StdDeserializer<Long> {
        Amount() {
            super(Long.class);
        }

        @Override
        public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_NUMBER_INT) || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw InvalidFormatException.from(p, "a whole number of minor units is expected", p.getText(),
                        Long.class);
            }
            return p.getLongValue();
        }
    }

    static final class Count extends StdDeserializer<Integer> {
        Count() {
            super(Integer.class);
        }

        @Override
        public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_NUMBER_INT) || p.getNumberType() != JsonParser.NumberType.INT) {
                throw InvalidFormatException.from(p, "a whole number is expected", p.getText(), Integer.class);
            }
            return p.getIntValue();
        }
    }
}
