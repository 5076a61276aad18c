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
     * Counts a login attempt of {@code client} on the account before its password is checked, so parallel
     * guesses cannot slip past the limit: after {@code maxFailures} attempts in a row, that client may not try
     * that account until {@code lock} after the last one. Other clients keep their own counts; attempts older
     * than {@code lock} are forgotten; a client held off is not counted further.
     */
    LoginAttempt claimLoginAttempt(UUID id, String client, int maxFailures, Duration lock);

    /** After a right password from {@code client}: its attempts were not failures. Forgets stale counts too. */
    void clearLoginFailures(UUID id, String client, Duration lock);

    /** Changes the name and/or password hash of a live account; empty if there is none. */
    Optional<Account> updateProfile(UUID id, Optional<String> name, Optional<String> passwordHash);

    /**
     * Marks the account deleted and scrubs it in one transaction: email {@code deleted+<id>@invalid}, name and
     * hash removed, addresses, cards and failed logins deleted. True if the account exists (deleted now or before).
     */
    boolean delete(UUID id);

    /** Sets the status of a live account; empty if there is none. */
    Optional<Account> changeStatus(UUID id, AccountStatus status);

    /** Replaces the roles of a live account; empty if there is none. */
    Optional<Account> changeRoles(UUID id, Set<Role> roles);

    /** Accounts whose email starts with {@code emailPrefix} (any for ""), oldest first. */
    Page<Account> find(String emailPrefix, PageRequest page);
}
