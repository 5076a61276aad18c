package dev.meshmall.auth.data;

import java.util.Optional;
import java.util.UUID;

import dev.meshmall.auth.biz.RefreshState;
import dev.meshmall.auth.biz.RefreshTokenStore;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;

/** {@code auth.refresh_tokens}: one row per token, found by the SHA-256 of its value. */
public final class RefreshTokenRepository implements RefreshTokenStore {
    private final DbClient db;

    public RefreshTokenRepository(DbClient db) {
        this.db = db;
    }

    @Override
    public void add(NewToken token) {
        db.execute().createNamedInsert("insert-refresh-token")
                .addParam("id", token.id().toString())
                .addParam("family_id", token.familyId().toString())
                .addParam("user_id", token.userId().toString())
                .addParam("token_hash", token.hash())
                .addParam("ttl_seconds", token.ttl().toSeconds())
                .execute();
    }

    @Override
    public Optional<StoredToken> find(byte[] hash) {
        return db.execute().createNamedGet("find-refresh-token")
                .addParam("token_hash", hash)
                .execute()
                .map(RefreshTokenRepository::storedToken);
    }

    @Override
    public boolean rotate(byte[] usedHash, NewToken next) {
        return db.execute().createNamedInsert("rotate-refresh-token")
                .addParam("used_hash", usedHash)
                .addParam("id", next.id().toString())
                .addParam("token_hash", next.hash())
                .addParam("ttl_seconds", next.ttl().toSeconds())
                .execute() == 1;
    }

    @Override
    public void revokeFamily(UUID familyId) {
        db.execute().createNamedUpdate("revoke-refresh-family").addParam("family_id", familyId.toString()).execute();
    }

    @Override
    public int revokeUser(UUID userId) {
        return (int) db.execute().createNamedUpdate("revoke-user-refresh-tokens").addParam("user_id", userId.toString()).execute();
    }

    @Override
    public int purgeExpired() {
        return (int) db.execute().createNamedDelete("purge-expired-refresh-tokens").execute();
    }

    private static StoredToken storedToken(DbRow row) {
        return new StoredToken(UUID.fromString(row.column("family_id").getString()),
                UUID.fromString(row.column("user_id").getString()),
                RefreshState.valueOf(row.column("state").getString()));
    }
}
