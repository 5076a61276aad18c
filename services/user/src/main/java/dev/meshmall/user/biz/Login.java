package dev.meshmall.user.biz;

import java.util.Optional;
import java.util.function.Supplier;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.text.Emails;

/**
 * Checking a password for auth, which alone mints tokens. An unknown email, a deleted account and a wrong
 * password get the same answer after the same work, so the answer does not tell which emails have accounts.
 * The account is answered whatever its status: auth refuses a banned one, which so learns it is banned only
 * with the right password.
 */
public final class Login {
    private final AccountStore accounts;
    private final PasswordHasher hasher;
    private final UserMetrics metrics;
    private final Supplier<LoginPolicy> policy;

    public Login(AccountStore accounts, PasswordHasher hasher, UserMetrics metrics, Supplier<LoginPolicy> policy) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.metrics = metrics;
        this.policy = policy;
    }

    public CredentialCheck check(String email, String password, String clientAddress) {
        if (email.isBlank()) {
            throw DomainError.invalid("email", "email is required");
        }
        if (password.isEmpty()) {
            throw DomainError.invalid("password", "password is required");
        }
        Optional<Credentials> found = Emails.parse(email).flatMap(accounts::credentialsByEmail);
        if (found.isEmpty()) {
            hasher.matchDecoy(password);
            return counted(LoginOutcome.INVALID, new CredentialCheck.Invalid());
        }
        Account account = found.get().account();
        LoginPolicy limits = policy.get();
        if (accounts.claimLoginAttempt(account.id(), limits.maxFailures(), limits.lockDuration())
                instanceof LoginAttempt.Locked locked) {
            return counted(LoginOutcome.LOCKED, new CredentialCheck.Throttled(locked.retryAfterSeconds()));
        }
        if (!hasher.matches(password, found.get().passwordHash())) {
            return counted(LoginOutcome.INVALID, new CredentialCheck.Invalid());
        }
        accounts.clearLoginFailures(account.id());
        return counted(account.isBanned() ? LoginOutcome.BANNED : LoginOutcome.SUCCESS,
                new CredentialCheck.Established(account));
    }

    private CredentialCheck counted(LoginOutcome outcome, CredentialCheck check) {
        metrics.login(outcome);
        return check;
    }
}
