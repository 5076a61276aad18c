package dev.meshmall.auth.biz;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** The refresh tokens, by the SHA-256 of their value, grouped in families (one per login). */
public interface RefreshTokenStore {
    /** A token to store: its family (a new one at login, the presented token's at refresh) and its lifetime. */
    record NewToken(UUID id, UUID familyId, UUID userId, byte[] hash, Duration ttl) {
    }

    /** A stored token as found by its hash. */
    record StoredToken(UUID familyId, UUID userId, RefreshState state) {
    }

    void add(NewToken token);

    Optional<StoredToken> find(byte[] hash);

    /**
     * Marks the live token {@code usedHash} used and stores {@code next} in one atomic step; false when the
     * token was no longer live (another refresh won the race, or it was revoked meanwhile).
     */
    boolean rotate(byte[] usedHash, NewToken next);

    void revokeFamily(UUID familyId);

    /** Revokes the user's live tokens; answers how many. */
    int revokeUser(UUID userId);

    /** Deletes tokens expired long ago; answers how many. */
    int purgeExpired();
}
