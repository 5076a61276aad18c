package dev.meshmall.user.biz;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.meshmall.platform.page.Page;
import dev.meshmall.platform.page.PageRequest;

/** Where accounts live. Every method is one atomic change: concurrent requests cannot interleave inside one. */
public interface AccountStore {
    /** The new account, or empty when its email is taken (by a concurrent registration too). */
    Optional<Account> create(NewAccount account);

    /**
     * Creates the account with the admin role, or adds that role to the account that has the email; true when
     * it was created. Safe to run from several replicas at once.
     */
    boolean ensureAdmin(NewAccount account);

    /** The account, deleted ones included. */
    Optional<Account> find(UUID id);

    /** A live (not deleted) account and its password hash. */
    Optional<Credentials> credentialsByEmail(String email);

    Optional<Credentials> credentials(UUID id);

    /**
     * Counts a login attempt before its password is checked, so parallel guesses cannot slip past the limit:
     * the attempt that reaches {@code maxFailures} locks the account for {@code lock}. Locked accounts are not
     * counted further.
     */
    LoginAttempt claimLoginAttempt(UUID id, int maxFailures, Duration lock);

    /** After a right password: the attempts counted so far were not failures. */
    void clearLoginFailures(UUID id);

    /** Changes the name and/or password hash of a live account; empty if there is none. */
    Optional<Account> updateProfile(UUID id, Optional<String> name, Optional<String> passwordHash);

    /**
     * Marks the account deleted and scrubs it in one transaction: email {@code deleted+<id>@invalid}, name and
     * hash removed, addresses and cards deleted. True if the account exists (deleted now or before).
     */
    boolean delete(UUID id);

    /** Sets the status of a live account; empty if there is none. */
    Optional<Account> changeStatus(UUID id, AccountStatus status);

    /** Replaces the roles of a live account; empty if there is none. */
    Optional<Account> changeRoles(UUID id, Set<Role> roles);

    /** Accounts whose email starts with {@code emailPrefix} (any for ""), oldest first. */
    Page<Account> find(String emailPrefix, PageRequest page);
}
