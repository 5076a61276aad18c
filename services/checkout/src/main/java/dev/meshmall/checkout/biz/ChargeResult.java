package dev.meshmall.checkout.biz;

import java.util.UUID;

/** A payment as payment answers it: a decline is a result, not an error. */
public record ChargeResult(UUID paymentId, PaymentStatus status, String declineCode) {
}
