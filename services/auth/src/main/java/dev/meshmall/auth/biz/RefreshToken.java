package dev.meshmall.auth.biz;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * An opaque refresh token: 32 random bytes, base64url. Only its SHA-256 is stored, so a copy of the database
 * cannot be replayed; a hash is enough because the token carries 256 bits of entropy.
 */
public record RefreshToken(String value, byte[] hash) {
    private static final int BYTES = 32;
    /** Generously above the 43 characters of a real token, so anything longer is refused without hashing. */
    private static final int MAX_LENGTH = 256;

    static RefreshToken random(SecureRandom random) {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new RefreshToken(value, sha256(value));
    }

    /** The hash a presented token would be stored under; empty for what cannot be a token at all. */
    static Optional<byte[]> hashOf(String presented) {
        if (presented == null || presented.isBlank() || presented.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        return Optional.of(sha256(presented));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    @Override
    public String toString() {
        return "RefreshToken[redacted]";
    }
}
