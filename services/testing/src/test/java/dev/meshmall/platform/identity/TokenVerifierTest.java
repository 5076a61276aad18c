package dev.meshmall.platform.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;
import dev.meshmall.testing.TestKeys;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A verified token is remembered so that the services of one checkout do not each pay for an ECDSA check, and
 * what it was remembered under still decides: its expiry, its key, the issuer and audience configured now.
 */
class TokenVerifierTest {
    private static final String USER = "0b6a4b52-8f33-4d7c-9f0e-3f7a1c2d4e5f";

    private final TestKeys signer = new TestKeys();
    private final AtomicBoolean keyPublished = new AtomicBoolean(true);
    private final KeySource keys = keyId -> keyPublished.get() ? signer.find(keyId) : Optional.<JWK>empty();
    private final AtomicReference<String> issuer = new AtomicReference<>(TestKeys.ISSUER);
    private final MovableClock clock = new MovableClock(Instant.now());
    private final TokenVerifier verifier = new TokenVerifier(keys, issuer::get, () -> TestKeys.AUDIENCE, clock);

    @Test
    void aTokenVerifiedAgainNamesTheSameCaller() {
        String token = signer.token(USER, List.of("customer", "merchant"));

        Caller first = verifier.verify(token);
        Caller again = verifier.verify(token);

        assertThat(again.userId(), is(USER));
        assertThat(again, is(first));
        assertThat(again.roles(), containsInAnyOrder("customer", "merchant"));
    }

    @Test
    void aRememberedTokenIsRefusedOnceItHasExpired() {
        String token = signer.token(USER, List.of("customer"), Duration.ofMinutes(1));
        verifier.verify(token);

        clock.move(Duration.ofMinutes(2));

        assertRefused(token);
    }

    @Test
    void aRememberedTokenIsRefusedOnceItsKeyIsWithdrawn() {
        String token = signer.token(USER, List.of("customer"));
        verifier.verify(token);

        keyPublished.set(false);

        assertRefused(token);
    }

    @Test
    void aRememberedTokenIsRefusedOnceTheIssuerSettingChanges() {
        String token = signer.token(USER, List.of("customer"));
        verifier.verify(token);

        issuer.set("another-issuer");

        assertRefused(token);
    }

    @Test
    void anAlteredCopyOfARememberedTokenIsRefused() {
        String token = signer.token(USER, List.of("customer"));
        verifier.verify(token);
        String[] parts = token.split("\\.");
        String altered = parts[0] + "." + parts[1] + "." + (parts[2].startsWith("A") ? "B" : "A") + parts[2].substring(1);

        assertRefused(altered);
        assertThat(verifier.verify(token).userId(), is(USER));
    }

    @Test
    void aTokenWithoutAudienceIssueTimeOrNotBeforeIsRefused() {
        Instant now = Instant.now();
        JWTClaimsSet full = TestKeys.claims(USER, List.of("customer"), now, now.plus(Duration.ofMinutes(5))).build();
        assertThat(verifier.verify(signer.sign(full)).userId(), is(USER));

        for (String claim : List.of("aud", "iat", "nbf", "exp", "iss")) {
            JWTClaimsSet without = new JWTClaimsSet.Builder(full).claim(claim, null).build();
            assertRefused(signer.sign(without));
        }
        assertRefused(signer.sign(new JWTClaimsSet.Builder(full).audience("another-system").build()));
        assertRefused(signer.sign(new JWTClaimsSet.Builder(full).notBeforeTime(java.util.Date.from(now.plus(Duration.ofMinutes(5)))).build()));
    }

    private void assertRefused(String token) {
        DomainError refused = assertThrows(DomainError.class, () -> verifier.verify(token));
        assertThat(refused.kind(), is(ErrorKind.UNAUTHENTICATED));
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
