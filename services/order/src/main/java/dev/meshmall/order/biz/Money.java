package dev.meshmall.order.biz;

/** An amount in minor units of an ISO 4217 currency ({@code 1999 USD} is 19.99 US dollars). Never a float. */
public record Money(long amount, String currency) {
}
