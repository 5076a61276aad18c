package dev.meshmall.payment.biz;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import dev.meshmall.platform.card.CardNumber;
import dev.meshmall.platform.card.CardRules;

/**
 * Tokenizes cards for the user service: a card checked (number, month, expiry; no CVV is taken) becomes a
 * random opaque token of its owner. Only the token, brand, last 4, expiry, the processor's answer for the card
 * and a keyed fingerprint are kept: never the number.
 */
public final class CardVault {
    private static final int TOKEN_BYTES = 24;
    private static final String PREFIX = "card.";

    private final VaultStore vault;
    private final Fingerprints fingerprints;
    private final CardRules rules;
    private final SecureRandom random = new SecureRandom();

    public CardVault(VaultStore vault, Fingerprints fingerprints, CardRules rules) {
        this.vault = vault;
        this.fingerprints = fingerprints;
        this.rules = rules;
    }

    /** The same card of the same user answers the same token. */
    public VaultedCard tokenize(UUID me, CardDetails card) {
        CardNumber number = CardNumber.parse(PREFIX + "number", card.number());
        rules.checkExpiry(PREFIX, card.expMonth(), card.expYear());
        VaultedCard fresh = new VaultedCard(newToken(), number.brand(), number.last4(), card.expMonth(),
                card.expYear(), Outcome.forNumber(number));
        return vault.save(me, fingerprints.of(me, number), fresh);
    }

    private String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return "tok_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
