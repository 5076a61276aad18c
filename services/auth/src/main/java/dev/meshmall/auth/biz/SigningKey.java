package dev.meshmall.auth.biz;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One key of the ring. {@code generation} orders the keys (the newest is the highest) and makes a rotation
 * race between replicas harmless: two replicas creating the same generation cannot both succeed. The private
 * part is absent when this replica cannot decrypt it (the key secret changed): such a key still verifies.
 */
public record SigningKey(String kid, long generation, SigningAlgorithm algorithm, PublicKey publicKey,
                         Optional<PrivateKey> privateKey, Instant createdAt) {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final int P256_COORDINATE_BYTES = 32;

    /** A brand-new key pair of {@code algorithm} with a random key id. */
    public static SigningKey generate(SigningAlgorithm algorithm, long generation, Instant now) {
        KeyPair pair = algorithm.generateKeyPair();
        return new SigningKey(UUID.randomUUID().toString(), generation, algorithm, pair.getPublic(),
                Optional.of(pair.getPrivate()), now);
    }

    public boolean canSign() {
        return privateKey.isPresent();
    }

    /** The public key as a JWK (RFC 7517/7518): what the JWKS publishes and what the database keeps. */
    public Map<String, String> publicJwk() {
        Map<String, String> jwk = new LinkedHashMap<>();
        jwk.put("kty", algorithm.keyType());
        jwk.put("use", "sig");
        jwk.put("kid", kid);
        jwk.put("alg", algorithm.name());
        switch (publicKey) {
            case ECPublicKey ec -> {
                jwk.put("crv", "P-256");
                jwk.put("x", base64url(unsigned(ec.getW().getAffineX(), P256_COORDINATE_BYTES)));
                jwk.put("y", base64url(unsigned(ec.getW().getAffineY(), P256_COORDINATE_BYTES)));
            }
            case RSAPublicKey rsa -> {
                jwk.put("n", base64url(unsigned(rsa.getModulus(), 0)));
                jwk.put("e", base64url(unsigned(rsa.getPublicExponent(), 0)));
            }
            default -> throw new IllegalStateException("unsupported key " + publicKey.getAlgorithm());
        }
        return jwk;
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", generation=" + generation + ", algorithm=" + algorithm
                + ", createdAt=" + createdAt + ", canSign=" + canSign() + "]";
    }

    /** Big-endian without the sign byte, left-padded with zeros to {@code length} when that is not 0. */
    private static byte[] unsigned(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        if (bytes.length >= length) {
            return bytes;
        }
        byte[] padded = new byte[length];
        System.arraycopy(bytes, 0, padded, length - bytes.length, bytes.length);
        return padded;
    }

    private static String base64url(byte[] bytes) {
        return BASE64URL.encodeToString(bytes);
    }
}
