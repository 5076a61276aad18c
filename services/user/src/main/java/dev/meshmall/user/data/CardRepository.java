package dev.meshmall.user.data;

import java.util.Optional;
import java.util.UUID;

import dev.meshmall.platform.db.Rows;
import dev.meshmall.platform.db.Transactions;
import dev.meshmall.user.biz.CardStore;
import dev.meshmall.user.biz.CardToSave;
import dev.meshmall.user.biz.Insertion;
import dev.meshmall.platform.page.Page;
import dev.meshmall.platform.page.PageRequest;
import dev.meshmall.user.biz.SavedCard;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;

/** {@code users.cards}; every statement filters by the owner, so another user's card is never touched. */
public final class CardRepository implements CardStore {
    private final DbClient db;

    public CardRepository(DbClient db) {
        this.db = db;
    }

    @Override
    public Page<SavedCard> list(UUID owner, PageRequest page) {
        long total = db.execute().createNamedGet("count-cards").addParam("user_id", owner).execute()
                .map(row -> Rows.number(row, "total")).orElse(0L);
        var items = Rows.all(db.execute().createNamedQuery("list-cards")
                .addParam("user_id", owner)
                .addParam("limit", page.size())
                .addParam("offset", page.offset()), CardRepository::saved);
        return new Page<>(items, page.page(), page.size(), total);
    }

    @Override
    public Optional<SavedCard> find(UUID owner, UUID id) {
        return db.execute().createNamedGet("card").addParam("id", id).addParam("user_id", owner).execute()
                .map(CardRepository::saved);
    }

    /** The owner's row is locked first, so two concurrent saves cannot both see room for one more. */
    @Override
    public Insertion<SavedCard> add(UUID owner, CardToSave card, int limit) {
        return Transactions.inTransaction(db, tx -> {
            if (tx.createNamedGet("lock-live-account").addParam("id", owner).execute().isEmpty()) {
                return new Insertion.OwnerGone<>();
            }
            Optional<SavedCard> saved = tx.createNamedGet("insert-card")
                    .addParam("user_id", owner)
                    .addParam("brand", card.brand())
                    .addParam("last4", card.last4())
                    .addParam("exp_month", card.expMonth())
                    .addParam("exp_year", card.expYear())
                    .addParam("holder_name", card.holderName())
                    .addParam("token", card.token())
                    .addParam("limit", limit)
                    .execute()
                    .map(CardRepository::saved);
            return saved.<Insertion<SavedCard>>map(Insertion.Inserted::new).orElseGet(Insertion.LimitReached::new);
        });
    }

    @Override
    public boolean remove(UUID owner, UUID id) {
        return db.execute().createNamedDelete("delete-card").addParam("id", id).addParam("user_id", owner)
                .execute() > 0;
    }

    private static SavedCard saved(DbRow row) {
        return new SavedCard(Rows.uuid(row, "id"), Rows.text(row, "brand"), Rows.text(row, "last4"),
                Rows.integer(row, "exp_month"), Rows.integer(row, "exp_year"), Rows.text(row, "holder_name"),
                Rows.text(row, "token"), Rows.instant(row, "created_at"));
    }
}
