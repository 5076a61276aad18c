package dev.meshmall.payment.data;

import java.util.Optional;
import java.util.UUID;

import dev.meshmall.payment.biz.Outcome;
import dev.meshmall.payment.biz.VaultStore;
import dev.meshmall.payment.biz.VaultedCard;
import dev.meshmall.platform.db.Rows;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;

/** {@code payments.vault_cards}: tokens, fingerprints and what may be shown of a card; never its number. */
public final class VaultRepository implements VaultStore {
    private final DbClient db;

    public VaultRepository(DbClient db) {
        this.db = db;
    }

    @Override
    public VaultedCard save(UUID owner, String fingerprint, VaultedCard card) {
        return db.execute().createNamedGet("vault-card")
                .addParam("token", card.token())
                .addParam("user_id", owner)
                .addParam("fingerprint", fingerprint)
                .addParam("brand", card.brand())
                .addParam("last4", card.last4())
                .addParam("exp_month", card.expMonth())
                .addParam("exp_year", card.expYear())
                .addParam("outcome", card.outcome().name())
                .execute()
                .map(VaultRepository::card)
                .orElseThrow(() -> new IllegalStateException("vault-card answered no row"));
    }

    @Override
    public Optional<VaultedCard> find(UUID owner, String token) {
        return db.execute().createNamedGet("vaulted-card")
                .addParam("token", token)
                .addParam("user_id", owner)
                .execute()
                .map(VaultRepository::card);
    }

    private static VaultedCard card(DbRow row) {
        return new VaultedCard(Rows.text(row, "token"), Rows.text(row, "brand"), Rows.text(row, "last4"),
                (int) Rows.number(row, "exp_month"), (int) Rows.number(row, "exp_year"),
                Outcome.valueOf(Rows.text(row, "outcome")));
    }
}
