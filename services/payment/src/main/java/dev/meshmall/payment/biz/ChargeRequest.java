package dev.meshmall.payment.biz;

/** A charge as asked for: the key that makes a repeat harmless, the order, the amount and the card. */
public record ChargeRequest(String idempotencyKey, String orderId, long amount, String currency, CardSource source) {
}
