package dev.meshmall.order.biz;

import java.util.Optional;
import java.util.UUID;

/** The payment service: what it records of a payment, and giving a paid order's money back. */
public interface Payments {
    /** The payment as payment records it, asked by order itself; empty when payment knows no such payment. */
    Optional<Payment> find(UUID paymentId);

    /**
     * Refunds the payment in full, keyed by the order id so a repeat refunds nothing more; a refused refund (the
     * payment is unknown or did not succeed, or payment does not see the order cancelled) throws a CONFLICT, an
     * unreachable payment service UNAVAILABLE.
     */
    void refund(UUID paymentId, UUID orderId);
}
