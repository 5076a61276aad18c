package dev.meshmall.payment.biz;

/** A card as the shopper typed it. Neither the number nor the CVV appears in {@code toString}. */
public record CardDetails(String number, int expMonth, int expYear, String cvv, String holderName) {
    @Override
    public String toString() {
        return "CardDetails[expMonth=" + expMonth + ", expYear=" + expYear + "]";
    }
}
