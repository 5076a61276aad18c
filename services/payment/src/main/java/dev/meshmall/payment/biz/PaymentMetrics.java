package dev.meshmall.payment.biz;

/** Business counters: charges by outcome, refunds, cancels by cause, cards vaulted. */
public interface PaymentMetrics {
    void charged(Outcome outcome);

    void refunded();

    void cancelled();

    void swept(int payments);
}
