package dev.meshmall.payment.biz;

/** The card processor, asked while the payment is recorded PENDING. */
public interface Processor {
    Outcome charge(ChargeableCard card, Money amount);
}
