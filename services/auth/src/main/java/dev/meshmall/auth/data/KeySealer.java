package dev.meshmall.auth.data;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the private signing keys at rest: AES-256-GCM under a key derived with HKDF-SHA256 (RFC 5869)
 * from {@code auth.signing.key-secret}. The key id is the associated data, so a sealed key moved to another
 * row does not open. Stored form: 12-byte nonce, then ciphertext and tag.
 */
public final class KeySealer {
    /** The secret is a high-entropy random string (a Kubernetes Secret), which is what HKDF expects. */
    public static final int MIN_SECRET_LENGTH = 32;
    private static final byte[] SALT = "meshmall-auth/signing-keys".getBytes(StandardCharsets.UTF_8);
    private static final byte[] INFO = "aes-256-gcm/v1".getBytes(StandardCharsets.UTF_8);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    private KeySealer(SecretKey key) {
        this.key = key;
    }

    public static KeySealer fromSecret(String secret) {
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException("auth.signing.key-secret must be at least " + MIN_SECRET_LENGTH
                    + " characters of random data (for example: openssl rand -base64 32)");
        }
        return new KeySealer(new SecretKeySpec(hkdfSha256(secret.getBytes(StandardCharsets.UTF_8), 32), "AES"));
    }

    public byte[] seal(byte[] plain, String kid) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** The plain key, or empty when it was sealed under another secret (or altered). */
    public Optional<byte[]> open(byte[] sealed, String kid) {
        if (sealed.length <= NONCE_BYTES) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            return Optional.of(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    private static byte[] hkdfSha256(byte[] secret, int length) {
        try {
            Mac extract = Mac.getInstance("HmacSHA256");
            extract.init(new SecretKeySpec(SALT, "HmacSHA256"));
            byte[] pseudoRandomKey = extract.doFinal(secret);
            Mac expand = Mac.getInstance("HmacSHA256");
            expand.init(new SecretKeySpec(pseudoRandomKey, "HmacSHA256"));
            byte[] output = new byte[length];
            byte[] block = new byte[0];
            for (int done = 0, counter = 1; done < length; counter++) {
                expand.update(block);
                expand.update(INFO);
                expand.update((byte) counter);
                block = expand.doFinal();
                int take = Math.min(block.length, length - done);
                System.arraycopy(block, 0, output, done, take);
                done += take;
            }
            Arrays.fill(pseudoRandomKey, (byte) 0);
            return output;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
