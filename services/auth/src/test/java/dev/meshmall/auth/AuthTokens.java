package dev.meshmall.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import dev.meshmall.auth.biz.AccessClaims;
import dev.meshmall.auth.data.JwtSigner;

/**
 * Access tokens signed in the test's own JVM by a running auth service's current signing key, with auth's own
 * signer and claims: every service verifies them against that auth's JWKS exactly as it verifies a token from a
 * login. For test stacks that need a subject with some roles and run no user service. Shipped to the other
 * modules' tests in auth's test jar; no RPC of auth turns a user id into a token.
 */
public final class AuthTokens {
    private static final Duration LIFETIME = Duration.ofMinutes(15);

    private AuthTokens() {
    }

    /** An access token of {@code userId} with {@code roles}, valid for 15 minutes, as the default issuer and audience. */
    public static String accessToken(AuthApp auth, String userId, String... roles) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        AccessClaims claims = new AccessClaims("meshmall-auth", "meshmall", userId, List.of(roles), now,
                now.plus(LIFETIME), UUID.randomUUID().toString());
        return new JwtSigner().sign(claims, auth.keyRing().signingKey());
    }
}
