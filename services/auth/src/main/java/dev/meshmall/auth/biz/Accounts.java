package dev.meshmall.auth.biz;

import java.util.Optional;
import java.util.UUID;

/** The user service, as auth sees it: empty for an account that does not exist. */
public interface Accounts {
    Optional<Account> find(UUID userId);
}
