package dev.meshmall.platform.identity;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.meshmall.platform.error.DomainError;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Verifies access tokens with nimbus-jose-jwt: signature by a known key (RS256 or ES256 only, so {@code none} and
 * HMAC tokens never pass), the algorithm the key names, then expiry, issue and not-before times, issuer and audience,
 * all mandatory. The same verifier backs the HTTP filter and the gRPC
 * interceptor.
 *
 * <p>A token once verified is remembered, by its exact text, until it expires: the same token reaches every
 * service of a checkout several times, and an ECDSA verification costs a millisecond or more of CPU. A
 * remembered token is still refused once its key leaves the key source (a revoked key) or once the issuer or
 * audience setting changes. At most {@value #REMEMBERED} tokens are kept.
 */
public final class TokenVerifier {
    private static final Set<String> ALGORITHMS = Set.of("RS256", "ES256");
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    static final int REMEMBERED = 4096;
    public static final String ROLES_CLAIM = "roles";

    private final KeySource keys;
    private final Supplier<String> issuer;
    private final Supplier<String> audience;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    public TokenVerifier(KeySource keys, Supplier<String> issuer, Supplier<String> audience) {
        this(keys, issuer, audience, Clock.systemUTC());
    }

    public TokenVerifier(KeySource keys, Supplier<String> issuer, Supplier<String> audience, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
    }

    public Caller verify(String token) {
        Instant now = clock.instant();
        String expectedIssuer = issuer.get();
        String expectedAudience = audience.get();
        Verified known = verified.get(token);
        if (known != null && known.stillHolds(now, expectedIssuer, expectedAudience, keys)) {
            return known.caller();
        }
        Verified fresh = verifyInFull(token, now, expectedIssuer, expectedAudience);
        remember(token, fresh, now);
        return fresh.caller();
    }

    private Verified verifyInFull(String token, Instant now, String expectedIssuer, String expectedAudience) {
        SignedJWT signed;
        JWTClaimsSet claims;
        try {
            signed = SignedJWT.parse(token);
            claims = signed.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            throw DomainError.unauthenticated("the token is not a JWT");
        }
        String algorithm = signed.getHeader().getAlgorithm().getName();
        if (!ALGORITHMS.contains(algorithm)) {
            throw DomainError.unauthenticated("the token's algorithm is not accepted");
        }
        String keyId = Optional.ofNullable(signed.getHeader().getKeyID())
                .orElseThrow(() -> DomainError.unauthenticated("the token names no key"));
        JWK key = keys.find(keyId).orElseThrow(() -> DomainError.unauthenticated("the token's key is unknown"));
        if (key.getAlgorithm() == null || !algorithm.equals(key.getAlgorithm().getName())) {
            throw DomainError.unauthenticated("the token's algorithm does not match its key");
        }
        if (!signatureHolds(signed, key)) {
            throw DomainError.unauthenticated("the token's signature is invalid");
        }
        Instant expires = requireTime(claims.getExpirationTime());
        if (!now.isBefore(expires.plus(CLOCK_SKEW))
                || now.plus(CLOCK_SKEW).isBefore(requireTime(claims.getIssueTime()))
                || now.plus(CLOCK_SKEW).isBefore(requireTime(claims.getNotBeforeTime()))
                || !expectedIssuer.equals(claims.getIssuer())
                || claims.getAudience() == null || !claims.getAudience().contains(expectedAudience)) {
            throw DomainError.unauthenticated("the token is expired or not meant for this system");
        }
        String subject = Optional.ofNullable(claims.getSubject())
                .orElseThrow(() -> DomainError.unauthenticated("the token has no subject"));
        return new Verified(new Caller(subject, roles(claims), token, expires), keyId, expires, expectedIssuer, expectedAudience);
    }

    private static boolean signatureHolds(SignedJWT signed, JWK key) {
        try {
            JWSVerifier verifier = switch (key) {
                case ECKey ec -> new ECDSAVerifier(ec);
                case RSAKey rsa -> new RSASSAVerifier(rsa);
                default -> throw DomainError.unauthenticated("the token's key is of an unaccepted type");
            };
            return signed.verify(verifier);
        } catch (JOSEException e) {
            return false;
        }
    }

    /** exp, iat and nbf are all mandatory: a token without one is refused like an expired one. */
    private static Instant requireTime(Date claim) {
        if (claim == null) {
            throw DomainError.unauthenticated("the token is expired or not meant for this system");
        }
        return claim.toInstant();
    }

    private void remember(String token, Verified fresh, Instant now) {
        if (verified.size() >= REMEMBERED) {
            verified.values().removeIf(v -> !now.isBefore(v.expires()));
            if (verified.size() >= REMEMBERED) {
                verified.clear();
            }
        }
        verified.put(token, fresh);
    }

    /** A token that passed in full, and what its passing depended on. */
    private record Verified(Caller caller, String keyId, Instant expires, String issuer, String audience) {
        boolean stillHolds(Instant now, String expectedIssuer, String expectedAudience, KeySource keys) {
            return now.isBefore(expires) && issuer.equals(expectedIssuer) && audience.equals(expectedAudience)
                    && keys.find(keyId).isPresent();
        }
    }

    private static Set<String> roles(JWTClaimsSet claims) {
        Set<String> roles = new LinkedHashSet<>();
        if (claims.getClaim(ROLES_CLAIM) instanceof List<?> values) {
            values.stream().filter(String.class::isInstance).map(String.class::cast).forEach(roles::add);
        }
        return roles;
    }
}
