package dev.meshmall.payment.biz;

/** The card a charge is made with: one of the caller's saved cards, or one typed in for this payment. */
public sealed interface CardSource {
    /** A card saved in user, by its id there. */
    record Saved(String cardId) implements CardSource {
    }

    record Typed(CardDetails card) implements CardSource {
    }

    /** No card was given. */
    record Missing() implements CardSource {
    }
}
