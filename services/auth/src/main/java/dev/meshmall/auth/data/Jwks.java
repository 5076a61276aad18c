package dev.meshmall.auth.data;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;

import dev.meshmall.auth.biz.SigningKey;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

/** Our signing keys as nimbus-jose-jwt sees them: a public JWK to verify with, a signer, a stored JWK read back. */
public final class Jwks {
    private Jwks() {
    }

    /** The public half, as verifiers use it. */
    public static JWK verifying(SigningKey key) {
        JWSAlgorithm algorithm = JWSAlgorithm.parse(key.algorithm().name());
        return switch (key.publicKey()) {
            case ECPublicKey ec -> new ECKey.Builder(Curve.P_256, ec).keyID(key.kid()).algorithm(algorithm)
                    .keyUse(KeyUse.SIGNATURE).build();
            case RSAPublicKey rsa -> new RSAKey.Builder(rsa).keyID(key.kid()).algorithm(algorithm)
                    .keyUse(KeyUse.SIGNATURE).build();
            default -> throw new IllegalStateException("unsupported key " + key.publicKey().getAlgorithm());
        };
    }

    /** The private half, to sign with. */
    static JWSSigner signer(SigningKey key) {
        PrivateKey privateKey = key.privateKey()
                .orElseThrow(() -> new IllegalStateException("signing key " + key.kid() + " has no private part here"));
        try {
            return switch (privateKey) {
                case ECPrivateKey ec -> new ECDSASigner(ec);
                case RSAPrivateKey rsa -> new RSASSASigner(rsa);
                default -> throw new IllegalStateException("unsupported key " + privateKey.getAlgorithm());
            };
        } catch (JOSEException e) {
            throw new IllegalStateException("signing key " + key.kid() + " cannot sign", e);
        }
    }

    static PublicKey publicKey(String jwkJson) {
        try {
            return switch (JWK.parse(jwkJson)) {
                case ECKey ec -> ec.toECPublicKey();
                case RSAKey rsa -> rsa.toRSAPublicKey();
                case JWK other -> throw new IllegalStateException("stored key " + other.getKeyID() + " is not EC or RSA");
            };
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("a stored key is not a JWK", e);
        }
    }
}
