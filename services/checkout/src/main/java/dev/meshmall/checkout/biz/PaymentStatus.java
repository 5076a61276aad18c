package dev.meshmall.checkout.biz;

/** The payment's states, as payment has them. */
public enum PaymentStatus {
    PENDING,
    SUCCEEDED,
    DECLINED,
    CANCELLED,
    REFUNDED
}
