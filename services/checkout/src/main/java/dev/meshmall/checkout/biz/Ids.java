package dev.meshmall.checkout.biz;

import java.util.Optional;
import java.util.UUID;

/** UUIDs as the API takes them: a malformed id names nothing. */
final class Ids {
    private Ids() {
    }

    static Optional<UUID> parse(String text) {
        try {
            UUID id = UUID.fromString(text);
            return id.toString().equalsIgnoreCase(text) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
