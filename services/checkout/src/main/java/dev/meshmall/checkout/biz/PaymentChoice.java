package dev.meshmall.checkout.biz;

/** How the shopper pays: a saved card, or a card typed in for this payment. */
public sealed interface PaymentChoice {
    record SavedCard(String cardId) implements PaymentChoice {
    }

    record TypedCard(Card card) implements PaymentChoice {
    }
}
