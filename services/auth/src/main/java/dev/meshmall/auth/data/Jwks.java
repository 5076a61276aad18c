package dev.meshmall.auth.data;

import java.io.StringReader;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;

import dev.meshmall.auth.biz.SigningKey;

import io.helidon.security.jwt.jwk.Jwk;
import io.helidon.security.jwt.jwk.JwkEC;
import io.helidon.security.jwt.jwk.JwkRSA;

import jakarta.json.Json;

/** Our signing keys as Helidon JWKs, and the public key back from a stored JWK. */
public final class Jwks {
    private Jwks() {
    }

    /** The public half, as verifiers use it. */
    public static Jwk verifying(SigningKey key) {
        return switch (key.publicKey()) {
            case ECPublicKey ec -> JwkEC.builder().keyId(key.kid()).algorithm(key.algorithm().name())
                    .usage(Jwk.USE_SIGNATURE).publicKey(ec).build();
            case RSAPublicKey rsa -> JwkRSA.builder().keyId(key.kid()).algorithm(key.algorithm().name())
                    .usage(Jwk.USE_SIGNATURE).publicKey(rsa).build();
            default -> throw new IllegalStateException("unsupported key " + key.publicKey().getAlgorithm());
        };
    }

    /** Both halves, to sign with. */
    static Jwk signing(SigningKey key) {
        Object privateKey = key.privateKey()
                .orElseThrow(() -> new IllegalStateException("signing key " + key.kid() + " has no private part here"));
        return switch (key.publicKey()) {
            case ECPublicKey ec -> JwkEC.builder().keyId(key.kid()).algorithm(key.algorithm().name())
                    .publicKey(ec).privateKey((ECPrivateKey) privateKey).build();
            case RSAPublicKey rsa -> JwkRSA.builder().keyId(key.kid()).algorithm(key.algorithm().name())
                    .publicKey(rsa).privateKey((RSAPrivateKey) privateKey).build();
            default -> throw new IllegalStateException("unsupported key " + key.publicKey().getAlgorithm());
        };
    }

    static PublicKey publicKey(String jwkJson) {
        Jwk jwk = Jwk.create(Json.createReader(new StringReader(jwkJson)).readObject());
        return switch (jwk) {
            case JwkEC ec -> ec.publicKey();
            case JwkRSA rsa -> rsa.publicKey();
            default -> throw new IllegalStateException("stored key " + jwk.keyId() + " is not EC or RSA");
        };
    }
}
