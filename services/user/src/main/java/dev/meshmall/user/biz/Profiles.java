package dev.meshmall.user.biz;

import java.util.Optional;
import java.util.UUID;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;
import dev.meshmall.platform.text.Ids;
import dev.meshmall.platform.text.Texts;

/** A user's own account: reading it, renaming, changing the password, deleting it. */
public final class Profiles {
    private final AccountStore accounts;
    private final PasswordHasher hasher;
    private final SessionTokens tokens;

    public Profiles(AccountStore accounts, PasswordHasher hasher, SessionTokens tokens) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.tokens = tokens;
    }

    /** The caller's account; a deleted one is gone, though its access token may live a few more minutes. */
    public Account get(UUID me) {
        return accounts.find(me).filter(account -> !account.isDeleted())
                .orElseThrow(() -> DomainError.notFound("user"));
    }

    /** An account by id as a user may see it: their own, or any (deleted ones too) for an admin. */
    public Account read(UUID me, boolean asAdmin, String userId) {
        UUID id = Ids.require(userId, "user");
        if (asAdmin) {
            return accounts.find(id).orElseThrow(() -> DomainError.notFound("user"));
        }
        if (!id.equals(me)) {
            throw DomainError.notFound("user");
        }
        return get(me);
    }

    /**
     * A new password needs the current one, and ends every session of the user (their refresh tokens), so a
     * thief who had the old password loses the session too.
     */
    public Account update(UUID me, ProfileChange change) {
        Optional<String> name = change.name().map(n -> Texts.required("name", n, Registration.MAX_NAME));
        Optional<String> hash = change.password().map(password -> newPasswordHash(me, password, change.currentPassword()));
        Account updated = accounts.updateProfile(me, name, hash).orElseThrow(() -> DomainError.notFound("user"));
        if (hash.isPresent()) {
            tokens.revokeAll(me);
        }
        return updated;
    }

    /** Idempotent: deleting again revokes the sessions again and changes nothing else. */
    public void delete(UUID me) {
        if (!accounts.delete(me)) {
            throw DomainError.notFound("user");
        }
        tokens.revokeAll(me);
    }

    private String newPasswordHash(UUID me, String password, Optional<String> currentPassword) {
        String current = currentPassword.filter(p -> !p.isEmpty())
                .orElseThrow(() -> DomainError.invalid("current_password", "current_password is required to change the password"));
        Credentials credentials = accounts.credentials(me).orElseThrow(() -> DomainError.notFound("user"));
        if (!hasher.matches(current, credentials.passwordHash())) {
            throw new DomainError(ErrorKind.FORBIDDEN, "wrong_password", "the current password is wrong");
        }
        Passwords.check("password", password, credentials.account().email());
        return hasher.hash(password);
    }
}
