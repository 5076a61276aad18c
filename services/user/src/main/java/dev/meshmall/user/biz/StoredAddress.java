package dev.meshmall.user.biz;

import java.time.Instant;
import java.util.UUID;

/** An address saved by its owner. */
public record StoredAddress(UUID id, Address address, Instant createdAt, Instant updatedAt) {
}
