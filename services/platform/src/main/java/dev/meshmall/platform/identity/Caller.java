package dev.meshmall.platform.identity;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.text.Ids;

/**
 * The verified end user a request acts for: the subject, roles and expiry of its access token. The raw token is
 * kept only so it can be forwarded on user-scoped internal calls.
 */
public record Caller(String userId, Set<String> roles, String token, Instant expiresAt) {
    public static final String CUSTOMER = "customer";
    public static final String MERCHANT = "merchant";
    public static final String ADMIN = "admin";

    public Caller {
        roles = Set.copyOf(roles);
    }

    /** The subject as a user id; a token whose subject is not a user id identifies nobody. */
    public UUID userUuid() {
        return Ids.parse(userId).orElseThrow(() -> DomainError.unauthenticated("the token's subject is not a user"));
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** Throws FORBIDDEN unless the caller has at least one of the roles. */
    public Caller requireAnyRole(String... anyOf) {
        for (String role : anyOf) {
            if (roles.contains(role)) {
                return this;
            }
        }
        throw DomainError.forbidden("this action needs the role " + String.join(" or ", anyOf));
    }

    @Override
    public String toString() {
        return "Caller[userId=" + userId + ", roles=" + roles + "]";
    }
}
