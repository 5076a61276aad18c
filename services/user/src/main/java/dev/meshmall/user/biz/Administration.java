package dev.meshmall.user.biz;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.page.Page;
import dev.meshmall.platform.page.PageRequest;
import dev.meshmall.platform.text.Ids;

/**
 * What admins do to other accounts: find them, ban and unban them, set their roles. An admin cannot lock
 * themselves out: no self-ban, no dropping their own admin role.
 */
public final class Administration {
    private static final String WHAT = "user";

    private final AccountStore accounts;
    private final SessionTokens tokens;

    public Administration(AccountStore accounts, SessionTokens tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    /** Accounts whose email starts with {@code emailPrefix}; deleted ones included, to explain their ids. */
    public Page<Account> find(String emailPrefix, PageRequest page) {
        return accounts.find(emailPrefix.strip().toLowerCase(Locale.ROOT), page);
    }

    public Account get(String userId) {
        return accounts.find(Ids.require(userId, WHAT)).orElseThrow(() -> DomainError.notFound(WHAT));
    }

    /** Bans the account and ends its sessions; banning a banned account changes nothing. */
    public Account ban(UUID admin, String userId) {
        UUID target = Ids.require(userId, WHAT);
        if (target.equals(admin)) {
            throw DomainError.conflict("cannot_ban_self", "an admin cannot ban themselves");
        }
        Account banned = live(target, accounts.changeStatus(target, AccountStatus.BANNED));
        tokens.revokeAll(target);
        return banned;
    }

    public Account unban(String userId) {
        UUID target = Ids.require(userId, WHAT);
        return live(target, accounts.changeStatus(target, AccountStatus.ACTIVE));
    }

    /** The new roles reach the user's tokens at their next login or refresh. */
    public Account setRoles(UUID admin, String userId, Collection<String> roleNames) {
        UUID target = Ids.require(userId, WHAT);
        Set<Role> roles = Role.parseAll("roles", roleNames);
        if (target.equals(admin) && !roles.contains(Role.ADMIN)) {
            throw DomainError.conflict("cannot_remove_own_admin", "an admin cannot remove their own admin role");
        }
        return live(target, accounts.changeRoles(target, roles));
    }

    /** The changed account; no change means the account is absent, or deleted, which no admin can revive. */
    private Account live(UUID target, Optional<Account> changed) {
        if (changed.isPresent()) {
            return changed.get();
        }
        Account account = accounts.find(target).orElseThrow(() -> DomainError.notFound(WHAT));
        throw DomainError.conflict("account_deleted", "the account " + account.id() + " is deleted");
    }
}
