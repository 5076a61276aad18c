package dev.meshmall.cart.biz;

import java.util.Optional;
import java.util.UUID;

/** Ids from outside: one that is not a UUID names nothing, so it is as absent as a missing product. */
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
}
