package dev.meshmall.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.meshmall.platform.identity.KeySource;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * A throw-away ES256 key that signs access tokens the way the auth service does, for tests of the platform
 * itself. Tests of the services get their tokens from the real auth service instead.
 */
public final class TestKeys implements KeySource {
    public static final String ISSUER = "meshmall-auth";
    public static final String AUDIENCE = "meshmall";

    private final ECKey privateJwk;

    public TestKeys() {
        try {
            privateJwk = new ECKeyGenerator(Curve.P_256).keyID("test-" + UUID.randomUUID())
                    .algorithm(JWSAlgorithm.ES256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Optional<JWK> find(String keyId) {
        return privateJwk.getKeyID().equals(keyId) ? Optional.of(privateJwk.toPublicJWK()) : Optional.empty();
    }

    public String token(String userId, List<String> roles) {
        return token(userId, roles, Duration.ofMinutes(15));
    }

    /** A token valid for {@code lifetime}; a negative lifetime gives an expired one. */
    public String token(String userId, List<String> roles, Duration lifetime) {
        Instant now = Instant.now();
        Instant issued = lifetime.isNegative() ? now.plus(lifetime).minus(Duration.ofMinutes(5)) : now;
        return sign(claims(userId, roles, issued, now.plus(lifetime)).build());
    }

    /** The claims {@link #token} signs, to change one before signing. */
    public static JWTClaimsSet.Builder claims(String userId, List<String> roles, Instant issued, Instant expires) {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(userId)
                .issueTime(Date.from(issued))
                .notBeforeTime(Date.from(issued))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .claim("roles", roles);
    }

    /** {@code claims} signed with this key, whatever they say. */
    public String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(privateJwk.getKeyID()).build(), claims);
        try {
            jwt.sign(new ECDSASigner(privateJwk));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
