package dev.meshmall.payment.biz;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.meshmall.platform.card.CardNumber;

/**
 * HMAC-SHA256 of a user's card number under the vault's secret key: equal for the same card of the same user,
 * and, without the key, no way back to the number (an unsalted hash of a 16-digit number is not one).
 */
public final class Fingerprints {
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_KEY_LENGTH = 16;

    private final SecretKeySpec key;

    public Fingerprints(String secret) {
        if (secret == null || secret.length() < MIN_KEY_LENGTH) {
            throw new IllegalStateException("payment.vault-key must be at least " + MIN_KEY_LENGTH + " characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public String of(UUID owner, CardNumber number) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(owner.toString().getBytes(StandardCharsets.UTF_8));
            mac.update((byte) ':');
            return HexFormat.of().formatHex(mac.doFinal(number.digits().getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "Fingerprints[HmacSHA256]";
    }
}
