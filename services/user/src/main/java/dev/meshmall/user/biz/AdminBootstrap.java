package dev.meshmall.user.biz;

import java.util.logging.Logger;

import dev.meshmall.platform.text.Emails;

/**
 * The first admin of a new installation, from configuration: created with the roles customer and admin, or,
 * if the email has an account, given the admin role. Running it again, or on two replicas at once, changes
 * nothing more. The password of an existing account is left alone.
 */
public final class AdminBootstrap {
    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());

    private final AccountStore accounts;
    private final PasswordHasher hasher;

    public AdminBootstrap(AccountStore accounts, PasswordHasher hasher) {
        this.accounts = accounts;
        this.hasher = hasher;
    }

    public void ensureAdmin(String email, String password) {
        String normalized = Emails.normalize("meshmall.admin.email", email);
        Passwords.check("meshmall.admin.password", password, normalized);
        NewAccount admin = new NewAccount(normalized, "Administrator", hasher.hash(password),
                Roles.of(Role.CUSTOMER, Role.ADMIN));
        boolean created = accounts.ensureAdmin(admin);
        LOG.info(created ? "created the admin account " + normalized : "the account " + normalized + " is an admin");
    }
}
