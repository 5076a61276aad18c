package dev.meshmall.user.biz;

import java.util.Optional;
import java.util.function.Supplier;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.text.Emails;

/**
 * Checking a password for auth, which alone mints tokens. An unknown email, a deleted account and a wrong
 * password get the same answer after the same work, so the answer does not tell which emails have accounts.
 * The account is answered whatever its status: auth refuses a banned one, which so learns it is banned only
 * with the right password. Failures are counted per account and client address, so a guesser elsewhere holds
 * off only itself, never the owner.
 */
public final class Login {
    /** Longer than any IPv6 address in text; auth sends no more, but a key column is no place for a novel. */
    static final int MAX_CLIENT_LENGTH = 64;
    static final String UNKNOWN_CLIENT = "unknown";

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
        String client = client(clientAddress);
        LoginPolicy limits = policy.get();
        if (accounts.claimLoginAttempt(account.id(), client, limits.maxFailures(), limits.lockDuration())
                instanceof LoginAttempt.Locked locked) {
            return counted(LoginOutcome.LOCKED, new CredentialCheck.Throttled(locked.retryAfterSeconds()));
        }
        if (!hasher.matches(password, found.get().passwordHash())) {
            return counted(LoginOutcome.INVALID, new CredentialCheck.Invalid());
        }
        accounts.clearLoginFailures(account.id(), client, limits.lockDuration());
        return counted(account.isBanned() ? LoginOutcome.BANNED : LoginOutcome.SUCCESS,
                new CredentialCheck.Established(account));
    }

    private static String client(String address) {
        String client = address.strip();
        if (client.isEmpty()) {
            return UNKNOWN_CLIENT;
        }
        return client.length() > MAX_CLIENT_LENGTH ? client.substring(0, MAX_CLIENT_LENGTH) : client;
    }

    private CredentialCheck counted(LoginOutcome outcome, CredentialCheck check) {
        metrics.login(outcome);
        return check;
    }
}
