package dev.meshmall.auth.biz;

import java.util.List;
import java.util.UUID;

/** What the user service says of an account when auth logs it in or refreshes its tokens. */
public record Account(UUID userId, List<String> roles, AccountStatus status) {
    public Account {
        roles = List.copyOf(roles);
    }

    public boolean canSignIn() {
        return status == AccountStatus.ACTIVE;
    }
}
