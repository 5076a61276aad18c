package dev.meshmall.auth.biz;

import java.time.Instant;
import java.util.List;

/** What an access token says: who (subject, roles), for whom (issuer, audience), and when it is valid. */
public record AccessClaims(String issuer, String audience, String subject, List<String> roles,
                           Instant issuedAt, Instant expiresAt, String tokenId) {
    public AccessClaims {
        roles = List.copyOf(roles);
    }
}
