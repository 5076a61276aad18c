package dev.meshmall.checkout.biz;

import java.util.Optional;

/** A shopper's request to pay one of their orders that waits for payment. */
public record PayRequest(String idempotencyKey, String orderId, Optional<PaymentChoice> payment) {
}
