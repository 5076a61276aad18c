package dev.meshmall.user.biz;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;
import dev.meshmall.platform.text.Emails;

/**
 * Checking a password and asking auth for tokens. An unknown email, a deleted account and a wrong password get
 * the same answer after the same work, so the answer does not tell which emails have accounts. A banned
 * account learns it is banned only with the right password.
 */
public final class Login {
    private final AccountStore accounts;
    private final PasswordHasher hasher;
    private final SessionTokens tokens;
    private final UserMetrics metrics;
    private final Supplier<LoginPolicy> policy;

    public Login(AccountStore accounts, PasswordHasher hasher, SessionTokens tokens, UserMetrics metrics,
                 Supplier<LoginPolicy> policy) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.tokens = tokens;
        this.metrics = metrics;
        this.policy = policy;
    }

    public TokenPair login(String email, String password) {
        if (email.isBlank()) {
            throw DomainError.invalid("email", "email is required");
        }
        if (password.isEmpty()) {
            throw DomainError.invalid("password", "password is required");
        }
        Optional<Credentials> found = Emails.parse(email).flatMap(accounts::credentialsByEmail);
        if (found.isEmpty()) {
            hasher.matchDecoy(password);
            throw failed(LoginOutcome.INVALID, invalidCredentials());
        }
        Account account = found.get().account();
        LoginPolicy limits = policy.get();
        if (accounts.claimLoginAttempt(account.id(), limits.maxFailures(), limits.lockDuration())
                instanceof LoginAttempt.Locked locked) {
            throw failed(LoginOutcome.LOCKED, tooManyAttempts(locked.retryAfterSeconds()));
        }
        if (!hasher.matches(password, found.get().passwordHash())) {
            throw failed(LoginOutcome.INVALID, invalidCredentials());
        }
        accounts.clearLoginFailures(account.id());
        if (account.isBanned()) {
            throw failed(LoginOutcome.BANNED, new DomainError(ErrorKind.FORBIDDEN, "account_banned",
                    "this account is banned"));
        }
        TokenPair pair = tokens.issue(account.id(), account.roles());
        metrics.login(LoginOutcome.SUCCESS);
        return pair;
    }

    private DomainError failed(LoginOutcome outcome, DomainError error) {
        metrics.login(outcome);
        return error;
    }

    static DomainError invalidCredentials() {
        return new DomainError(ErrorKind.UNAUTHENTICATED, "invalid_credentials", "the email or the password is wrong");
    }

    static DomainError tooManyAttempts(long retryAfterSeconds) {
        return new DomainError(ErrorKind.TOO_MANY_ATTEMPTS, "too_many_attempts",
                "too many failed logins; try again later", Map.of("retry_after", retryAfterSeconds));
    }
}
