package dev.meshmall.payment.biz;

/** Where an order is in its life, as the order service records it. */
public enum OrderState {
    PENDING_PAYMENT,
    PAID,
    CANCELLED,
    REFUNDED
}
