package dev.meshmall.platform.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.meshmall.platform.error.DomainError;

import io.helidon.common.Errors;
import io.helidon.security.jwt.Jwt;
import io.helidon.security.jwt.JwtValidator;
import io.helidon.security.jwt.SignedJwt;
import io.helidon.security.jwt.jwk.Jwk;
import io.helidon.security.jwt.jwk.JwkKeys;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Verifies access tokens: signature by a known key (RS256 or ES256 only, so {@code none} and HMAC tokens
 * never pass), then expiry, issuer and audience. The same verifier backs the HTTP filter and the gRPC
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
        SignedJwt signed;
        try {
            signed = SignedJwt.parseToken(token);
        } catch (RuntimeException e) {
            throw DomainError.unauthenticated("the token is not a JWT");
        }
        Jwt jwt = signed.getJwt();
        String algorithm = jwt.algorithm().orElse("none");
        if (!ALGORITHMS.contains(algorithm)) {
            throw DomainError.unauthenticated("the token's algorithm is not accepted");
        }
        String keyId = jwt.keyId().orElseThrow(() -> DomainError.unauthenticated("the token names no key"));
        Jwk key = keys.find(keyId).orElseThrow(() -> DomainError.unauthenticated("the token's key is unknown"));
        if (!algorithm.equals(key.algorithm())) {
            throw DomainError.unauthenticated("the token's algorithm does not match its key");
        }
        Errors signature = signed.verifySignature(JwkKeys.builder().addKey(key).build());
        if (!signature.isValid()) {
            throw DomainError.unauthenticated("the token's signature is invalid");
        }
        Errors claims = JwtValidator.builder()
                .addDefaultTimeValidators(now, CLOCK_SKEW, true)
                .addIssuerValidator(expectedIssuer)
                .addAudienceValidator(expectedAudience)
                .build()
                .validate(jwt);
        if (!claims.isValid()) {
            throw DomainError.unauthenticated("the token is expired or not meant for this system");
        }
        String subject = jwt.subject().orElseThrow(() -> DomainError.unauthenticated("the token has no subject"));
        return new Verified(new Caller(subject, roles(jwt), token), keyId, jwt.expirationTime().orElseThrow(),
                expectedIssuer, expectedAudience);
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

    private static Set<String> roles(Jwt jwt) {
        Optional<JsonValue> claim = jwt.payloadClaim(ROLES_CLAIM);
        Set<String> roles = new LinkedHashSet<>();
        claim.filter(v -> v.getValueType() == JsonValue.ValueType.ARRAY)
                .map(JsonValue::asJsonArray)
                .map(List::copyOf)
                .ifPresent(values -> values.stream()
                        .filter(JsonString.class::isInstance)
                        .map(v -> ((JsonString) v).getString())
                        .forEach(roles::add));
        return roles;
    }
}
