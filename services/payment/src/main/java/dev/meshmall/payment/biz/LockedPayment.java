package dev.meshmall.payment.biz;

import java.util.Optional;

/**
 * A payment whose row is locked until the surrounding transaction ends: the processor's answer, a cancel, a
 * refund and the sweep never act on the same payment at once.
 */
public interface LockedPayment {
    Payment payment();

    /** Moves the payment to {@code to} and writes the ledger row, answering the payment as it now is. */
    Payment move(PaymentStatus to, String declineCode, String cause, Optional<String> refundKey);
}
