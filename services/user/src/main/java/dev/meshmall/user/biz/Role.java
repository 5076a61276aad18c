package dev.meshmall.user.biz;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import dev.meshmall.platform.error.DomainError;

/** What a user may do beyond their own account: merchants manage the catalog, admins manage users. */
public enum Role {
    CUSTOMER("customer"),
    MERCHANT("merchant"),
    ADMIN("admin");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    /** The name in tokens, JSON and the database. */
    public String wireName() {
        return wireName;
    }

    public static Optional<Role> named(String name) {
        return Arrays.stream(values()).filter(role -> role.wireName.equals(name)).findFirst();
    }

    /** A complete set of roles as an admin gives it: not empty, every name known. */
    public static Set<Role> parseAll(String field, Collection<String> names) {
        if (names.isEmpty()) {
            throw DomainError.invalid(field, field + " must name at least one role");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names) {
            roles.add(named(name).orElseThrow(() -> DomainError.invalid(field,
                    "unknown role; the roles are customer, merchant and admin")));
        }
        return Roles.ordered(roles);
    }
}
