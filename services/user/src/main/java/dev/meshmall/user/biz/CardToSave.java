package dev.meshmall.user.biz;

/** A card ready to be stored: the number already replaced by a token. */
public record CardToSave(String brand, String last4, int expMonth, int expYear, String holderName, String token) {
    @Override
    public String toString() {
        return "CardToSave[brand=" + brand + ", last4=" + last4 + "]";
    }
}
