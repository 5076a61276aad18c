package dev.meshmall.order.biz;

import java.util.UUID;

/** Giving a paid order's money back, through the payment service. */
public interface Refunds {
    /**
     * Refunds the payment in full, keyed by the order id so a repeat refunds nothing more; a refused refund (the
     * payment is unknown or did not succeed) throws a CONFLICT, an unreachable payment service UNAVAILABLE.
     */
    void refund(UUID paymentId, UUID orderId);
}
