package dev.meshmall.user.biz;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Sets of roles in a stable order, and their text form ({@code customer,admin}). */
public final class Roles {
    private Roles() {
    }

    public static Set<Role> ordered(Set<Role> roles) {
        EnumSet<Role> copy = EnumSet.noneOf(Role.class);
        copy.addAll(roles);
        return Collections.unmodifiableSet(copy);
    }

    public static Set<Role> of(Role... roles) {
        return ordered(Set.of(roles));
    }

    public static String joined(Set<Role> roles) {
        return ordered(roles).stream().map(Role::wireName).collect(Collectors.joining(","));
    }
}
