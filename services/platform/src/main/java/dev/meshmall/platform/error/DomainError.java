package dev.meshmall.platform.error;

import java.util.List;
import java.util.Map;

/**
 * The one error type of the business layer. {@code code} is stable and machine-readable
 * ({@code email_taken}, {@code card_expired}); {@code detail} is for people and never holds a secret.
 * {@code fields} carries structured extras (the invalid field, the products short of stock) into the
 * problem document and the gRPC trailers.
 */
public final class DomainError extends RuntimeException {
    private final ErrorKind kind;
    private final String code;
    private final Map<String, Object> fields;

    public DomainError(ErrorKind kind, String code, String detail) {
        this(kind, code, detail, Map.of());
    }

    public DomainError(ErrorKind kind, String code, String detail, Map<String, Object> fields) {
        super(detail, null, false, false);
        this.kind = kind;
        this.code = code;
        this.fields = Map.copyOf(fields);
    }

    public static DomainError malformed(String detail) {
        return new DomainError(ErrorKind.MALFORMED, "malformed_request", detail);
    }

    public static DomainError invalid(String field, String detail) {
        return new DomainError(ErrorKind.INVALID, "invalid_field", detail, Map.of("field", field));
    }

    public static DomainError notFound(String what) {
        return new DomainError(ErrorKind.NOT_FOUND, "not_found", what + " not found");
    }

    public static DomainError unauthenticated(String detail) {
        return new DomainError(ErrorKind.UNAUTHENTICATED, "unauthenticated", detail);
    }

    public static DomainError forbidden(String detail) {
        return new DomainError(ErrorKind.FORBIDDEN, "forbidden", detail);
    }

    public static DomainError conflict(String code, String detail) {
        return new DomainError(ErrorKind.CONFLICT, code, detail);
    }

    public ErrorKind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, Object> fields() {
        return fields;
    }

    /** The field {@code name} read back as the list of {@code type} it was given as; empty when absent. */
    public <T> List<T> listField(String name, Class<T> type) {
        if (!(fields.get(name) instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(type::cast).toList();
    }
}
