package dev.meshmall.auth.biz;

/** What the user service says of an email and a password. */
public sealed interface CredentialCheck {
    /** The password is right: the account it opens, whatever its status. */
    record Established(Account account) implements CredentialCheck {
    }

    /** Unknown email, wrong password or deleted account: the same answer for all three. */
    record Invalid() implements CredentialCheck {
    }

    /** Too many failed attempts on this account from this client; the password was not checked. */
    record Throttled(long retryAfterSeconds) implements CredentialCheck {
    }
}
