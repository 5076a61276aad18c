package dev.meshmall.payment.biz;

import java.util.Optional;

/**
 * A card checked and ready to charge, without its number: what a payment shows of it, what the processor will
 * answer, and the vault token when it was a saved card.
 */
public record ChargeableCard(String brand, String last4, Outcome outcome, Optional<String> token) {
}
