package dev.meshmall.payment.biz;

import java.util.Optional;

/**
 * A charge as asked for: the key that makes a repeat harmless, the order, the amount the caller expects to charge
 * (the order's own total is charged; one that differs is refused) and the card.
 */
public record ChargeRequest(String idempotencyKey, String orderId, Optional<Money> expectedAmount, CardSource source) {
}
