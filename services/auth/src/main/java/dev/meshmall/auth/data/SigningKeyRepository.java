package dev.meshmall.auth.data;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.meshmall.auth.biz.SigningAlgorithm;
import dev.meshmall.auth.biz.SigningKey;
import dev.meshmall.auth.biz.SigningKeyStore;
import dev.meshmall.platform.http.Json;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;

/** {@code auth.signing_keys}: the public JWK in clear, the PKCS#8 private key sealed by {@link KeySealer}. */
public final class SigningKeyRepository implements SigningKeyStore {
    private final DbClient db;
    private final KeySealer sealer;

    public SigningKeyRepository(DbClient db, KeySealer sealer) {
        this.db = db;
        this.sealer = sealer;
    }

    @Override
    public List<SigningKey> unretired() {
        return db.execute().namedQuery("list-unretired-signing-keys").map(this::signingKey).toList();
    }

    @Override
    public boolean add(SigningKey key) {
        byte[] pkcs8 = key.privateKey().orElseThrow().getEncoded();
        return db.execute().createNamedInsert("insert-signing-key")
                .addParam("kid", key.kid())
                .addParam("generation", key.generation())
                .addParam("algorithm", key.algorithm().name())
                .addParam("public_jwk", new String(Json.write(key.publicJwk()), StandardCharsets.UTF_8))
                .addParam("private_key", sealer.seal(pkcs8, key.kid()))
                .execute() == 1;
    }

    @Override
    public int retireSupersededBefore(Duration age) {
        return (int) db.execute().createNamedUpdate("retire-superseded-signing-keys")
                .addParam("age_seconds", age.toSeconds())
                .execute();
    }

    private SigningKey signingKey(DbRow row) {
        String kid = row.column("kid").getString();
        SigningAlgorithm algorithm = SigningAlgorithm.parse(row.column("algorithm").getString());
        Optional<PrivateKey> privateKey = sealer.open(row.column("private_key").get(byte[].class), kid)
                .map(pkcs8 -> privateKey(algorithm, pkcs8));
        return new SigningKey(kid, row.column("generation").getLong(), algorithm,
                Jwks.publicKey(row.column("public_jwk").getString()), privateKey,
                row.column("created_at").get(Timestamp.class).toInstant());
    }

    private static PrivateKey privateKey(SigningAlgorithm algorithm, byte[] pkcs8) {
        try {
            return KeyFactory.getInstance(algorithm.keyType()).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored " + algorithm + " private key does not decode", e);
        }
    }
}
