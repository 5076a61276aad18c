package dev.meshmall.user.biz;

import java.util.Optional;

/**
 * A card as its owner typed it. The CVV is checked when given, then dropped: it is never stored. Neither the
 * number nor the CVV appears in {@code toString}.
 */
public record NewCard(String number, int expMonth, int expYear, String holderName, Optional<String> cvv) {
    @Override
    public String toString() {
        return "NewCard[expMonth=" + expMonth + ", expYear=" + expYear + "]";
    }
}
