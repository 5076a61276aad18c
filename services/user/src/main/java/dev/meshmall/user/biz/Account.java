package dev.meshmall.user.biz;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A user as others may see it: never the password hash. Roles iterate in declaration order. */
public record Account(UUID id, String email, String name, Set<Role> roles, AccountStatus status, Instant createdAt) {
    public Account {
        roles = Roles.ordered(roles);
    }

    public boolean isDeleted() {
        return status == AccountStatus.DELETED;
    }

    public boolean isBanned() {
        return status == AccountStatus.BANNED;
    }
}
