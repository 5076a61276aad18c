package dev.meshmall.user.data;

import java.security.SecureRandom;
import java.util.Base64;

import dev.meshmall.user.biz.CardNumber;
import dev.meshmall.user.biz.CardTokenizer;

/**
 * A stand-in vault: a random opaque token ({@code tok_} and 24 random bytes, base64url), the number thrown
 * away. When the payment service exists, a {@code PaymentCardTokenizer} calling
 * {@code PaymentService.TokenizeCard} (with the shopper's token forwarded) replaces this class in
 * {@code UserApp}, so that payment alone ever holds a card number and can charge the token.
 */
public final class LocalCardTokenizer implements CardTokenizer {
    private static final int TOKEN_BYTES = 24;
    private final SecureRandom random = new SecureRandom();

    @Override
    public String tokenize(CardNumber number, int expMonth, int expYear) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return "tok_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
