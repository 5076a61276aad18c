package dev.meshmall.checkout.biz;

/** A card typed in by the shopper for one payment; passed on to payment, never stored, never printed. */
public record Card(String number, int expMonth, int expYear, String cvv, String holderName) {
    public String last4() {
        return number.length() < 4 ? number : number.substring(number.length() - 4);
    }

    @Override
    public String toString() {
        return "Card[**** " + last4() + ", " + expMonth + "/" + expYear + "]";
    }
}
