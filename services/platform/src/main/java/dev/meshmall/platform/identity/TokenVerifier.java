package dev.meshmall.platform.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
 */
public final class TokenVerifier {
    private static final Set<String> ALGORITHMS = Set.of("RS256", "ES256");
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    public static final String ROLES_CLAIM = "roles";

    private final KeySource keys;
    private final Supplier<String> issuer;
    private final Supplier<String> audience;

    public TokenVerifier(KeySource keys, Supplier<String> issuer, Supplier<String> audience) {
        this.keys = keys;
        this.issuer = issuer;
        this.audience = audience;
    }

    public Caller verify(String token) {
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
                .addDefaultTimeValidators(Instant.now(), CLOCK_SKEW, true)
                .addIssuerValidator(issuer.get())
                .addAudienceValidator(audience.get())
                .build()
                .validate(jwt);
        if (!claims.isValid()) {
            throw DomainError.unauthenticated("the token is expired or not meant for this system");
        }
        String subject = jwt.subject().orElseThrow(() -> DomainError.unauthenticated("the token has no subject"));
        return new Caller(subject, roles(jwt), token);
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
