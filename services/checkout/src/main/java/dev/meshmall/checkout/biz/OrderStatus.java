package dev.meshmall.checkout.biz;

/** The order's states, as order has them. */
public enum OrderStatus {
    PENDING_PAYMENT,
    PAID,
    CANCELLED,
    REFUNDED
}
