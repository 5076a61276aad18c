package dev.meshmall.user.biz;

import java.util.UUID;

/** The auth service, as user needs it: every session of a user ended (a ban, a new password, a deletion). */
public interface SessionTokens {
    void revokeAll(UUID userId);
}
