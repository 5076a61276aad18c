package dev.meshmall.auth.data;

import java.util.Date;

import dev.meshmall.auth.biz.AccessClaims;
import dev.meshmall.auth.biz.SigningKey;
import dev.meshmall.auth.biz.TokenSigner;
import dev.meshmall.platform.identity.TokenVerifier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Signs access tokens with nimbus-jose-jwt, in the form the platform's {@link TokenVerifier} checks. */
public final class JwtSigner implements TokenSigner {
    @Override
    public String sign(AccessClaims claims, SigningKey key) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.parse(key.algorithm().name()))
                .type(JOSEObjectType.JWT)
                .keyID(key.kid())
                .build();
        JWTClaimsSet body = new JWTClaimsSet.Builder()
                .issuer(claims.issuer())
                .audience(claims.audience())
                .subject(claims.subject())
                .claim(TokenVerifier.ROLES_CLAIM, claims.roles())
                .issueTime(Date.from(claims.issuedAt()))
                .notBeforeTime(Date.from(claims.issuedAt()))
                .expirationTime(Date.from(claims.expiresAt()))
                .jwtID(claims.tokenId())
                .build();
        SignedJWT jwt = new SignedJWT(header, body);
        try {
            jwt.sign(Jwks.signer(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("signing with key " + key.kid() + " failed", e);
        }
        return jwt.serialize();
    }
}
