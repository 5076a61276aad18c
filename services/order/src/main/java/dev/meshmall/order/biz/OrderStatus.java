package dev.meshmall.order.biz;

/** Where an order is in its life: placed and awaiting payment, paid, or cancelled before or after payment. */
public enum OrderStatus {
    PENDING_PAYMENT,
    PAID,
    CANCELLED,
    REFUNDED
}
