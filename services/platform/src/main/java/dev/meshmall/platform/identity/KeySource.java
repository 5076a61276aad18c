package dev.meshmall.platform.identity;

import java.util.Optional;

import io.helidon.security.jwt.jwk.Jwk;

/** Where a verifier finds the public key named by a token's {@code kid}. */
@FunctionalInterface
public interface KeySource {
    Optional<Jwk> find(String keyId);
}
