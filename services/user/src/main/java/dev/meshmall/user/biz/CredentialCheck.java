package dev.meshmall.user.biz;

/** The answer to an email and a password: the account they open, whatever its status, or why not. */
public sealed interface CredentialCheck {
    /** The password is right. */
    record Established(Account account) implements CredentialCheck {
    }

    /** Unknown email, wrong password or deleted account: the same answer, after the same work, for all three. */
    record Invalid() implements CredentialCheck {
    }

    /** Too many failed attempts; the password was not checked. */
    record Throttled(long retryAfterSeconds) implements CredentialCheck {
    }
}
