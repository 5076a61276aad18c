package dev.meshmall.checkout.biz;

import java.util.function.Supplier;

/** The business metrics of checkout. */
public interface CheckoutMetrics {
    /** How checkouts (and payments of pending orders) end. */
    enum Outcome {
        /** Charged and the order paid. */
        PAID,
        /** Placed without a card: the order waits for payment. */
        AWAITING_PAYMENT,
        /** The card was declined. */
        DECLINED,
        /** Refused before an order was placed: empty cart, no stock, bad input. */
        REFUSED,
        /** Ended with an error after the order was placed (an invalid card); the order is cancelled. */
        FAILED,
        /** Given up by recovery, or compensated by it. */
        ABANDONED
    }

    void ended(Kind kind, Outcome outcome);

    <T> T timed(Step step, Supplier<T> call);
}
