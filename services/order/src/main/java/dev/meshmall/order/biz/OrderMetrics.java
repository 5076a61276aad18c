package dev.meshmall.order.biz;

/** Business counters: orders placed, orders cancelled by reason. */
public interface OrderMetrics {
    void placed();

    void cancelled(CancelReason reason);
}
