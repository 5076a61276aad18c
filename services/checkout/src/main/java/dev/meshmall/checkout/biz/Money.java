package dev.meshmall.checkout.biz;

/** An amount in minor units of an ISO 4217 currency. */
public record Money(long amount, String currency) {
}
