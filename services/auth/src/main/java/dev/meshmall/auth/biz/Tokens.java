package dev.meshmall.auth.biz;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.meshmall.auth.biz.RefreshTokenStore.NewToken;
import dev.meshmall.auth.biz.RefreshTokenStore.StoredToken;
import dev.meshmall.auth.biz.TokenEvents.Grant;
import dev.meshmall.auth.biz.TokenEvents.RefreshOutcome;
import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;

/**
 * Logging in, refreshing and revoking tokens. Tokens are minted only for what auth has established itself: a
 * password that user checked, or a live refresh token. A login starts a family of refresh tokens; each refresh
 * uses up the presented token and adds its successor to the family; presenting a used token again means it was
 * copied, so the whole family is revoked and the thief and the user both have to log in again.
 */
public final class Tokens {
    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final KeyRing keys;
    private final TokenSigner signer;
    private final RefreshTokenStore refreshTokens;
    private final Accounts accounts;
    private final TokenEvents events;
    private final TokenPolicy policy;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Tokens(KeyRing keys, TokenSigner signer, RefreshTokenStore refreshTokens, Accounts accounts,
                  TokenEvents events, TokenPolicy policy, Clock clock) {
        this.keys = keys;
        this.signer = signer;
        this.refreshTokens = refreshTokens;
        this.accounts = accounts;
        this.events = events;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * An email and a password for a new family and an access token with the account's roles, once user has
     * found the password right and the account active. A banned account learns it is banned only with the right
     * password; a deleted one gets the answer of a wrong password.
     */
    public TokenPair login(Credentials credentials) {
        if (credentials.email().isBlank()) {
            throw DomainError.invalid("email", "email is required");
        }
        if (credentials.password().isEmpty()) {
            throw DomainError.invalid("password", "password is required");
        }
        Account account = switch (accounts.check(credentials)) {
            case CredentialCheck.Established established -> established.account();
            case CredentialCheck.Invalid invalid -> throw invalidCredentials();
            case CredentialCheck.Throttled throttled -> throw tooManyAttempts(throttled.retryAfterSeconds());
        };
        switch (account.status()) {
            case ACTIVE -> { }
            case BANNED -> throw new DomainError(ErrorKind.FORBIDDEN, "account_banned", "this account is banned");
            case DELETED, UNKNOWN -> throw invalidCredentials();
        }
        RefreshToken refresh = RefreshToken.random(random);
        refreshTokens.add(new NewToken(UUID.randomUUID(), UUID.randomUUID(), account.userId(), refresh.hash(),
                policy.refreshTokenTtl().get()));
        events.issued(Grant.LOGIN);
        return pair(account.userId(), account.roles(), refresh);
    }

    /**
     * Exchanges a live refresh token for a new pair with the account's current roles. The account is checked
     * before the token is used up, so a user service outage leaves the token usable for a retry.
     */
    public TokenPair refresh(String presented) {
        byte[] hash = RefreshToken.hashOf(presented).orElseThrow(this::invalid);
        StoredToken stored = refreshTokens.find(hash).orElseThrow(this::invalid);
        switch (stored.state()) {
            case USED -> throw reused(stored);
            case REVOKED, EXPIRED -> throw invalid();
            case LIVE -> { }
        }
        Account account = accounts.find(stored.userId())
                .filter(Account::canSignIn)
                .orElseThrow(() -> disabled(stored));
        RefreshToken next = RefreshToken.random(random);
        NewToken successor = new NewToken(UUID.randomUUID(), stored.familyId(), stored.userId(), next.hash(),
                policy.refreshTokenTtl().get());
        if (!refreshTokens.rotate(hash, successor)) {
            throw lostRace(hash);
        }
        events.refreshed(RefreshOutcome.ROTATED);
        events.issued(Grant.REFRESH);
        return pair(stored.userId(), account.roles(), next);
    }

    /** Revokes every live refresh token of the user; their access tokens die at expiry. */
    public int revokeAll(String userId) {
        return refreshTokens.revokeUser(userId(userId));
    }

    public int purgeExpired() {
        return refreshTokens.purgeExpired();
    }

    private TokenPair pair(UUID userId, List<String> roles, RefreshToken refresh) {
        Duration ttl = policy.accessTokenTtl().get();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        AccessClaims claims = new AccessClaims(policy.issuer().get(), policy.audience().get(), userId.toString(),
                roles, now, now.plus(ttl), UUID.randomUUID().toString());
        return new TokenPair(signer.sign(claims, keys.signingKey()), refresh.value(), ttl.toSeconds());
    }

    /** The refresh that lost a race for the same token sees it used: that is a reuse like any other. */
    private DomainError lostRace(byte[] hash) {
        return refreshTokens.find(hash)
                .filter(token -> token.state() == RefreshState.USED)
                .map(this::reused)
                .orElseGet(this::invalid);
    }

    private DomainError reused(StoredToken token) {
        refreshTokens.revokeFamily(token.familyId());
        events.refreshed(RefreshOutcome.REUSED);
        return new DomainError(ErrorKind.UNAUTHENTICATED, "refresh_token_reused",
                "this refresh token was already used; every session it belongs to is now revoked");
    }

    private DomainError disabled(StoredToken token) {
        refreshTokens.revokeFamily(token.familyId());
        events.refreshed(RefreshOutcome.DISABLED);
        return new DomainError(ErrorKind.UNAUTHENTICATED, "account_disabled", "the account cannot sign in");
    }

    private static DomainError invalidCredentials() {
        return new DomainError(ErrorKind.UNAUTHENTICATED, "invalid_credentials", "the email or the password is wrong");
    }

    private static DomainError tooManyAttempts(long retryAfterSeconds) {
        return new DomainError(ErrorKind.TOO_MANY_ATTEMPTS, "too_many_attempts",
                "too many failed logins; try again later", Map.of("retry_after", retryAfterSeconds));
    }

    private DomainError invalid() {
        events.refreshed(RefreshOutcome.INVALID);
        return new DomainError(ErrorKind.UNAUTHENTICATED, "invalid_refresh_token",
                "the refresh token is unknown, expired or revoked");
    }

    private static UUID userId(String value) {
        if (value == null || value.isBlank()) {
            throw DomainError.invalid("user_id", "user_id is required");
        }
        if (!UUID_FORM.matcher(value).matches()) {
            throw DomainError.invalid("user_id", "user_id must be a UUID");
        }
        return UUID.fromString(value);
    }
}
