package dev.meshmall.order.biz;

/** Why an order was cancelled. */
public enum CancelReason {
    /** Its owner cancelled it. */
    USER,
    /** The charge was declined at checkout. */
    PAYMENT_FAILED,
    /** It was not paid within the payment timeout. */
    TIMEOUT
}
