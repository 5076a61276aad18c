package dev.meshmall.platform.text;

import java.util.Optional;
import java.util.UUID;

import dev.meshmall.platform.error.DomainError;

/**
 * Ids from outside, in a path, a body or a gRPC field. An id that is not a UUID in its canonical form names
 * nothing, so it is NOT_FOUND like another user's id: a caller cannot tell a malformed id from a foreign one.
 */
public final class Ids {
    private Ids() {
    }

    public static Optional<UUID> parse(String raw) {
        try {
            UUID id = UUID.fromString(raw.strip());
            return id.toString().equalsIgnoreCase(raw.strip()) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The id of a {@code what} (an order, a card): NOT_FOUND when malformed. */
    public static UUID require(String raw, String what) {
        return parse(raw).orElseThrow(() -> DomainError.notFound(what));
    }

    /** An id a client must send well-formed (inside a body): INVALID naming {@code field} otherwise. */
    public static UUID field(String raw, String field) {
        return parse(raw).orElseThrow(() -> DomainError.invalid(field, field + " is not a UUID"));
    }
}
