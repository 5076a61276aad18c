package dev.meshmall.user.biz;

import java.util.Set;
import java.util.UUID;

/** The auth service, as user needs it: tokens for a login, and every session of a user ended. */
public interface SessionTokens {
    TokenPair issue(UUID userId, Set<Role> roles);

    void revokeAll(UUID userId);
}
