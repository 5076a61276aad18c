package dev.meshmall.payment.biz;

/** Where a payment is in its life. Only PENDING and SUCCEEDED hold an order: at most one of them per order. */
public enum PaymentStatus {
    /** Sent to the processor, answer not known yet; cancelled by the sweep if it stays so. */
    PENDING,
    /** Money taken. */
    SUCCEEDED,
    /** Refused by the processor. */
    DECLINED,
    /** Abandoned while pending; no money taken. */
    CANCELLED,
    /** Taken, then given back in full. */
    REFUNDED
}
