package dev.meshmall.user.biz;

import dev.meshmall.platform.card.CardNumber;

/** Turns a card number into an opaque token that only the payment processor can charge. */
public interface CardTokenizer {
    String tokenize(CardNumber number, int expMonth, int expYear);
}
