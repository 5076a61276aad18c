package dev.meshmall.user.data;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.meshmall.platform.db.Rows;
import dev.meshmall.platform.db.Transactions;
import dev.meshmall.user.biz.Account;
import dev.meshmall.user.biz.AccountStatus;
import dev.meshmall.user.biz.AccountStore;
import dev.meshmall.user.biz.Credentials;
import dev.meshmall.user.biz.LoginAttempt;
import dev.meshmall.user.biz.NewAccount;
import dev.meshmall.platform.page.Page;
import dev.meshmall.platform.page.PageRequest;
import dev.meshmall.user.biz.Role;
import dev.meshmall.user.biz.Roles;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;

/** {@code users.accounts} through the named statements of {@code application.yaml}. */
public final class AccountRepository implements AccountStore {
    private final DbClient db;

    public AccountRepository(DbClient db) {
        this.db = db;
    }

    @Override
    public Optional<Account> create(NewAccount account) {
        return db.execute().createNamedGet("insert-account")
                .addParam("email", account.email())
                .addParam("name", account.name())
                .addParam("password_hash", account.passwordHash())
                .addParam("roles", Roles.joined(account.roles()))
                .execute()
                .map(AccountRepository::account);
    }

    @Override
    public boolean ensureAdmin(NewAccount account) {
        return db.execute().createNamedGet("ensure-admin")
                .addParam("email", account.email())
                .addParam("name", account.name())
                .addParam("password_hash", account.passwordHash())
                .addParam("roles", Roles.joined(account.roles()))
                .execute()
                .map(row -> Rows.bool(row, "created"))
                .orElseThrow();
    }

    @Override
    public Optional<Account> find(UUID id) {
        return db.execute().createNamedGet("account").addParam("id", id).execute().map(AccountRepository::account);
    }

    @Override
    public Optional<Credentials> credentialsByEmail(String email) {
        return db.execute().createNamedGet("credentials-by-email").addParam("email", email).execute()
                .map(AccountRepository::credentials);
    }

    @Override
    public Optional<Credentials> credentials(UUID id) {
        return db.execute().createNamedGet("credentials").addParam("id", id).execute()
                .map(AccountRepository::credentials);
    }

    @Override
    public LoginAttempt claimLoginAttempt(UUID id, String client, int maxFailures, Duration lock) {
        DbRow row = db.execute().createNamedGet("claim-login-attempt")
                .addParam("id", id)
                .addParam("client", client)
                .addParam("max_failures", maxFailures)
                .addParam("lock_seconds", seconds(lock))
                .execute()
                .orElseThrow(() -> new IllegalStateException("the claim of a login to " + id + " answered nothing"));
        return Rows.number(row, "claimed") > 0
                ? new LoginAttempt.Allowed()
                : new LoginAttempt.Locked(Rows.number(row, "retry_after"));
    }

    @Override
    public void clearLoginFailures(UUID id, String client, Duration lock) {
        db.execute().createNamedDelete("clear-login-failures")
                .addParam("id", id)
                .addParam("client", client)
                .addParam("lock_seconds", seconds(lock))
                .execute();
    }

    private static long seconds(Duration lock) {
        return Math.max(1, lock.toSeconds());
    }

    @Override
    public Optional<Account> updateProfile(UUID id, Optional<String> name, Optional<String> passwordHash) {
        return db.execute().createNamedGet("update-profile")
                .addParam("id", id)
                .addParam("change_name", name.isPresent())
                .addParam("name", name.orElse(""))
                .addParam("change_password", passwordHash.isPresent())
                .addParam("password_hash", passwordHash.orElse(""))
                .execute()
                .map(AccountRepository::account);
    }

    @Override
    public boolean delete(UUID id) {
        return Transactions.inTransaction(db, tx -> {
            if (tx.createNamedGet("lock-account").addParam("id", id).execute().isEmpty()) {
                return false;
            }
            tx.createNamedUpdate("scrub-account").addParam("id", id).execute();
            tx.createNamedDelete("delete-addresses-of").addParam("user_id", id).execute();
            tx.createNamedDelete("delete-cards-of").addParam("user_id", id).execute();
            tx.createNamedDelete("delete-login-failures-of").addParam("account_id", id).execute();
            return true;
        });
    }

    @Override
    public Optional<Account> changeStatus(UUID id, AccountStatus status) {
        return db.execute().createNamedGet("change-status")
                .addParam("id", id)
                .addParam("status", status.name())
                .execute()
                .map(AccountRepository::account);
    }

    @Override
    public Optional<Account> changeRoles(UUID id, Set<Role> roles) {
        return db.execute().createNamedGet("change-roles")
                .addParam("id", id)
                .addParam("roles", Roles.joined(roles))
                .execute()
                .map(AccountRepository::account);
    }

    @Override
    public Page<Account> find(String emailPrefix, PageRequest page) {
        String pattern = likeEscaped(emailPrefix) + "%";
        long total = db.execute().createNamedGet("count-accounts").addParam("pattern", pattern).execute()
                .map(row -> Rows.number(row, "total")).orElse(0L);
        var items = Rows.all(db.execute().createNamedQuery("find-accounts")
                .addParam("pattern", pattern)
                .addParam("limit", page.size())
                .addParam("offset", page.offset()), AccountRepository::account);
        return new Page<>(items, page.page(), page.size(), total);
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Account account(DbRow row) {
        return new Account(Rows.uuid(row, "id"), Rows.text(row, "email"), Rows.text(row, "name"),
                roles(row), AccountStatus.valueOf(Rows.text(row, "status")),
                Rows.instant(row, "created_at"));
    }

    private static Credentials credentials(DbRow row) {
        return new Credentials(account(row), Rows.text(row, "password_hash"));
    }

    /** Roles selected as {@code array_to_string(roles, ',')}; names this version does not know are skipped. */
    private static Set<Role> roles(DbRow row) {
        return Rows.list(row, "roles").stream()
                .map(Role::named)
                .flatMap(Optional::stream)
                .collect(Collectors.toSet());
    }
}
