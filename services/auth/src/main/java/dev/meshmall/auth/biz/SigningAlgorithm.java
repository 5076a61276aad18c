package dev.meshmall.auth.biz;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Locale;

/** The JWS algorithms auth signs access tokens with; every service accepts exactly these two. */
public enum SigningAlgorithm {
    ES256("EC", new ECGenParameterSpec("secp256r1")),
    RS256("RSA", new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4));

    private final String keyType;
    private final AlgorithmParameterSpec parameters;

    SigningAlgorithm(String keyType, AlgorithmParameterSpec parameters) {
        this.keyType = keyType;
        this.parameters = parameters;
    }

    /** {@code ES256} or {@code RS256}, as configured in {@code auth.signing.algorithm}. */
    public static SigningAlgorithm parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("auth.signing.algorithm must be ES256 or RS256, not " + name);
        }
    }

    /** The JCA key type: {@code EC} or {@code RSA}. */
    public String keyType() {
        return keyType;
    }

    KeyPair generateKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(keyType);
            generator.initialize(parameters);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate " + name() + " keys", e);
        }
    }
}
