package dev.meshmall.auth.biz;

import java.util.Optional;
import java.util.UUID;

/** The user service, as auth sees it: the owner of accounts and of their passwords. */
public interface Accounts {
    /** The account's roles and status, for a refresh; empty for an account that does not exist. */
    Optional<Account> find(UUID userId);

    /** Has user check the password of the account with this email, failures counted per account and client. */
    CredentialCheck check(Credentials credentials);
}
