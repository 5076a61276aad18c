package dev.meshmall.payment.biz;

import java.util.Optional;
import java.util.UUID;

/** The vault's table. Tokens are the owner's: another user's token is found by no one else. */
public interface VaultStore {
    /**
     * Stores the card under {@code token}, unless the owner already has a card with this fingerprint: that
     * one's token is kept (with the new expiry). Answers the stored card.
     */
    VaultedCard save(UUID owner, String fingerprint, VaultedCard card);

    Optional<VaultedCard> find(UUID owner, String token);
}
