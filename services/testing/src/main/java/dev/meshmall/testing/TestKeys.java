package dev.meshmall.testing;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.meshmall.platform.identity.KeySource;

import io.helidon.security.jwt.Jwt;
import io.helidon.security.jwt.SignedJwt;
import io.helidon.security.jwt.jwk.Jwk;
import io.helidon.security.jwt.jwk.JwkEC;

/**
 * A throw-away ES256 key that signs access tokens the way the auth service does, for tests of the platform
 * itself. Tests of the services get their tokens from the real auth service instead.
 */
public final class TestKeys implements KeySource {
    public static final String ISSUER = "meshmall-auth";
    public static final String AUDIENCE = "meshmall";

    private final JwkEC privateJwk;
    private final JwkEC publicJwk;

    public TestKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            String keyId = "test-" + UUID.randomUUID();
            privateJwk = JwkEC.builder().keyId(keyId).algorithm(JwkEC.ALG_ES256)
                    .publicKey((ECPublicKey) pair.getPublic())
                    .privateKey((ECPrivateKey) pair.getPrivate())
                    .build();
            publicJwk = JwkEC.builder().keyId(keyId).algorithm(JwkEC.ALG_ES256)
                    .publicKey((ECPublicKey) pair.getPublic())
                    .build();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Optional<Jwk> find(String keyId) {
        return publicJwk.keyId().equals(keyId) ? Optional.of(publicJwk) : Optional.empty();
    }

    public String token(String userId, List<String> roles) {
        return token(userId, roles, Duration.ofMinutes(15));
    }

    /** A token valid for {@code lifetime}; a negative lifetime gives an expired one. */
    public String token(String userId, List<String> roles, Duration lifetime) {
        Instant now = Instant.now();
        Instant issued = lifetime.isNegative() ? now.plus(lifetime).minus(Duration.ofMinutes(5)) : now;
        Jwt jwt = Jwt.builder()
                .algorithm(JwkEC.ALG_ES256)
                .keyId(publicJwk.keyId())
                .issuer(ISSUER)
                .addAudience(AUDIENCE)
                .subject(userId)
                .issueTime(issued)
                .notBefore(issued)
                .expirationTime(now.plus(lifetime))
                .jwtId(UUID.randomUUID().toString())
                .addPayloadClaim("roles", roles)
                .build();
        return SignedJwt.sign(jwt, privateJwk).tokenContent();
    }
}
