package dev.meshmall.payment.biz;

import java.time.Instant;
import java.util.UUID;

/** A payment as stored: whose, for which order, how much, where it is, and the card shown as brand and last 4. */
public record Payment(UUID id, UUID owner, UUID orderId, PaymentStatus status, Money amount, String declineCode,
                      String cardBrand, String cardLast4, Instant createdAt, Instant updatedAt) {
}
