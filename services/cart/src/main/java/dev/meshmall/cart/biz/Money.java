package dev.meshmall.cart.biz;

/** An amount in minor units of an ISO 4217 currency: {@code 1999 USD} is 19.99 US dollars. Never a float. */
public record Money(long amount, String currency) {
    public Money times(int quantity) {
        return new Money(Math.multiplyExact(amount, quantity), currency);
    }

    public Money plus(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot add " + other.currency + " to " + currency);
        }
        return new Money(Math.addExact(amount, other.amount), currency);
    }
}
