package dev.meshmall.platform.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.helidon.webserver.http.ServerRequest;

/**
 * The one JSON mapping of the REST API: snake_case, dates as ISO strings, unknown fields refused. Bodies are
 * read here rather than by the media support so that every malformed, mistyped or oversized body becomes
 * the same problem document.
 */
public final class Json {
    public static final int MAX_BODY_BYTES = 64 * 1024;

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .findAndRegisterModules()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS);

    static {
        // a number or a boolean where text is expected is a wrong type, not text
        MAPPER.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }

    private Json() {
    }

    public static <T> T read(ServerRequest req, Class<T> type) {
        if (!req.content().hasEntity()) {
            throw DomainError.malformed("a JSON body is required");
        }
        byte[] body = readLimited(req);
        try {
            T value = MAPPER.readValue(body, type);
            if (value == null) {
                throw DomainError.malformed("a JSON body is required");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw DomainError.invalid(e.getPropertyName(), "unknown field " + e.getPropertyName());
        } catch (JsonMappingException e) {
            String field = fieldOf(e);
            throw field.isEmpty()
                    ? DomainError.malformed("the body does not have the expected shape")
                    : DomainError.invalid(field, "field " + field + " has the wrong type or is out of range");
        } catch (JsonProcessingException e) {
            throw DomainError.malformed("the body is not valid JSON");
        } catch (IOException e) {
            throw DomainError.malformed("the body could not be read");
        }
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass(), e);
        }
    }

    private static byte[] readLimited(ServerRequest req) {
        try (InputStream in = req.content().inputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new DomainError(ErrorKind.TOO_LARGE, "body_too_large",
                        "the body is larger than " + MAX_BODY_BYTES + " bytes", Map.of("limit", MAX_BODY_BYTES));
            }
            return body;
        } catch (IOException e) {
            throw DomainError.malformed("the body could not be read");
        }
    }

    private static String fieldOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
