package dev.meshmall.user.biz;

import java.util.Set;

/** An account about to be created, its password already hashed. */
public record NewAccount(String email, String name, String passwordHash, Set<Role> roles) {
    public NewAccount {
        roles = Roles.ordered(roles);
    }

    @Override
    public String toString() {
        return "NewAccount[email=" + email + ", roles=" + roles + "]";
    }
}
