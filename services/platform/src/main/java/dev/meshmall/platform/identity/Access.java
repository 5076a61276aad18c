package dev.meshmall.platform.identity;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may call one gRPC method, besides the fact that every caller is a verified peer (a workload certificate, or
 * the mesh's principal): the named {@code services}; end users whose token carries one of {@code userRoles}
 * (present, and empty for any role); or any verified peer at all ({@code openToAnyPeer}: public data, or a method whose
 * credential is in its request, such as a password or a refresh token).
 */
public record Access(Set<String> services, Optional<Set<String>> userRoles, boolean openToAnyPeer) {
    public Access {
        services = Set.copyOf(new TreeSet<>(services));
        userRoles = userRoles.map(Set::copyOf);
    }

    public static Access services(String... names) {
        return new Access(Set.of(names), Optional.empty(), false);
    }

    /** End users with one of {@code roles}, or with any role when none is named. */
    public static Access users(String... roles) {
        return new Access(Set.of(), Optional.of(Set.of(roles)), false);
    }

    public static Access anyPeer() {
        return new Access(Set.of(), Optional.empty(), true);
    }

    public Access orServices(String... names) {
        Set<String> both = new TreeSet<>(services);
        both.addAll(Set.of(names));
        return new Access(both, userRoles, openToAnyPeer);
    }

    /** Whether {@code peer}, acting for {@code user} if a token came with the call, may make the call. */
    public boolean admits(ServiceIdentity peer, Optional<Caller> user) {
        if (openToAnyPeer || services.contains(peer.account())) {
            return true;
        }
        return userRoles.isPresent() && user.isPresent()
                && (userRoles.get().isEmpty() || userRoles.get().stream().anyMatch(user.get()::hasRole));
    }
}
