package dev.meshmall.payment.biz;

/** A card the shopper saved in user: its vault token and the expiry they gave. */
public record SavedCard(String token, int expMonth, int expYear) {
    @Override
    public String toString() {
        return "SavedCard[expMonth=" + expMonth + ", expYear=" + expYear + "]";
    }
}
