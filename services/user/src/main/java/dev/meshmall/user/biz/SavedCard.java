package dev.meshmall.user.biz;

import java.time.Instant;
import java.util.UUID;

/** A card saved by its owner: what identifies it to people, and the processor's token. Never the number. */
public record SavedCard(UUID id, String brand, String last4, int expMonth, int expYear, String holderName,
                        String token, Instant createdAt) {
    @Override
    public String toString() {
        return "SavedCard[id=" + id + ", brand=" + brand + ", last4=" + last4 + "]";
    }
}
