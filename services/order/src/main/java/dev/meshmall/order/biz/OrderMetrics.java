package dev.meshmall.order.biz;

/** Business counters: orders placed, orders cancelled by reason, with or without a refund. */
public interface OrderMetrics {
    void placed();

    /** An unpaid order cancelled. */
    void cancelled(CancelReason reason);

    /** A paid order cancelled by its owner and refunded. */
    void refunded();
}
