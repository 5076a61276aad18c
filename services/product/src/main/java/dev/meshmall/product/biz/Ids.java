package dev.meshmall.product.biz;

import java.util.Optional;
import java.util.UUID;

import dev.meshmall.platform.error.DomainError;

/** Ids from outside: one that is not a UUID names nothing, so it is NOT_FOUND like an absent one. */
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

    public static UUID require(String raw, String what) {
        return parse(raw).orElseThrow(() -> DomainError.notFound(what));
    }
}
