package dev.meshmall.payment.biz;

import java.util.regex.Pattern;

import dev.meshmall.platform.error.DomainError;

/** An amount in minor units of an ISO 4217 currency ({@code 1999 USD} is 19.99 US dollars). Never a float. */
public record Money(long amount, String currency) {
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    /** An amount to charge: above 0, in an upper-case three-letter currency. */
    public static Money toCharge(long amount, String currency) {
        if (amount <= 0) {
            throw DomainError.invalid("amount", "amount is above 0, in minor units");
        }
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            throw DomainError.invalid("currency", "currency is an ISO 4217 code such as USD");
        }
        return new Money(amount, currency);
    }
}
