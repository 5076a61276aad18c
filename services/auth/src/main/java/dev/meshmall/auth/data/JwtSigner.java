package dev.meshmall.auth.data;

import dev.meshmall.auth.biz.AccessClaims;
import dev.meshmall.auth.biz.SigningKey;
import dev.meshmall.auth.biz.TokenSigner;
import dev.meshmall.platform.identity.TokenVerifier;

import io.helidon.security.jwt.Jwt;
import io.helidon.security.jwt.SignedJwt;

/** Signs access tokens with helidon-security-jwt, in the form the platform's {@link TokenVerifier} checks. */
public final class JwtSigner implements TokenSigner {
    @Override
    public String sign(AccessClaims claims, SigningKey key) {
        Jwt jwt = Jwt.builder()
                .type("JWT")
                .algorithm(key.algorithm().name())
                .keyId(key.kid())
                .issuer(claims.issuer())
                .addAudience(claims.audience())
                .subject(claims.subject())
                .addPayloadClaim(TokenVerifier.ROLES_CLAIM, claims.roles())
                .issueTime(claims.issuedAt())
                .notBefore(claims.issuedAt())
                .expirationTime(claims.expiresAt())
                .jwtId(claims.tokenId())
                .build();
        return SignedJwt.sign(jwt, Jwks.signing(key)).tokenContent();
    }
}
