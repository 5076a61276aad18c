package dev.meshmall.platform.identity;

import java.util.Optional;

import com.nimbusds.jose.jwk.JWK;

/** Where a verifier finds the public key named by a token's {@code kid}. */
@FunctionalInterface
public interface KeySource {
    Optional<JWK> find(String keyId);
}
