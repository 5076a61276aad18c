package dev.meshmall.user.biz;

import java.util.Map;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;
import dev.meshmall.platform.text.Emails;
import dev.meshmall.platform.text.Texts;

/** Opening an account: a customer, active, with a hashed password and an email nobody else has. */
public final class Registration {
    static final int MAX_NAME = 100;

    private final AccountStore accounts;
    private final PasswordHasher hasher;
    private final UserMetrics metrics;

    public Registration(AccountStore accounts, PasswordHasher hasher, UserMetrics metrics) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.metrics = metrics;
    }

    public Account register(String email, String password, String name) {
        String normalized = Emails.normalize("email", email);
        Passwords.check("password", password, normalized);
        String displayName = Texts.required("name", name, MAX_NAME);
        NewAccount account = new NewAccount(normalized, displayName, hasher.hash(password), Roles.of(Role.CUSTOMER));
        Account created = accounts.create(account).orElseThrow(Registration::emailTaken);
        metrics.registered();
        return created;
    }

    static DomainError emailTaken() {
        return new DomainError(ErrorKind.ALREADY_EXISTS, "email_taken", "an account with this email already exists",
                Map.of("field", "email"));
    }
}
