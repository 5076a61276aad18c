package dev.meshmall.payment.biz;

import java.util.UUID;

/** A payment about to be recorded as PENDING, before the processor is asked. */
public record NewPayment(UUID owner, String idempotencyKey, UUID orderId, Money amount, ChargeableCard card) {
}
