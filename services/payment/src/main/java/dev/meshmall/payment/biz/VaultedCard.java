package dev.meshmall.payment.biz;

/** A card in the vault: its token, what may be shown of it, and what the processor answers for it. */
public record VaultedCard(String token, String brand, String last4, int expMonth, int expYear, Outcome outcome) {
    @Override
    public String toString() {
        return "VaultedCard[brand=" + brand + ", last4=" + last4 + "]";
    }
}
