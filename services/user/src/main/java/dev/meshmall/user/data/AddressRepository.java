package dev.meshmall.user.data;

import java.util.Optional;
import java.util.UUID;

import dev.meshmall.platform.db.Rows;
import dev.meshmall.platform.db.Transactions;
import dev.meshmall.user.biz.Address;
import dev.meshmall.user.biz.AddressStore;
import dev.meshmall.user.biz.Insertion;
import dev.meshmall.platform.page.Page;
import dev.meshmall.platform.page.PageRequest;
import dev.meshmall.user.biz.StoredAddress;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbStatement;

/** {@code users.addresses}; every statement filters by the owner, so another user's row is never touched. */
public final class AddressRepository implements AddressStore {
    private final DbClient db;

    public AddressRepository(DbClient db) {
        this.db = db;
    }

    @Override
    public Page<StoredAddress> list(UUID owner, PageRequest page) {
        long total = db.execute().createNamedGet("count-addresses").addParam("user_id", owner).execute()
                .map(row -> Rows.number(row, "total")).orElse(0L);
        var items = Rows.all(db.execute().createNamedQuery("list-addresses")
                .addParam("user_id", owner)
                .addParam("limit", page.size())
                .addParam("offset", page.offset()), AddressRepository::stored);
        return new Page<>(items, page.page(), page.size(), total);
    }

    @Override
    public Optional<StoredAddress> find(UUID owner, UUID id) {
        return db.execute().createNamedGet("address").addParam("id", id).addParam("user_id", owner).execute()
                .map(AddressRepository::stored);
    }

    /** The owner's row is locked first, so two concurrent saves cannot both see room for one more. */
    @Override
    public Insertion<StoredAddress> add(UUID owner, Address address, int limit) {
        return Transactions.inTransaction(db, tx -> {
            if (tx.createNamedGet("lock-live-account").addParam("id", owner).execute().isEmpty()) {
                return new Insertion.OwnerGone<>();
            }
            Optional<StoredAddress> saved = parts(tx.createNamedGet("insert-address"), address)
                    .addParam("user_id", owner)
                    .addParam("limit", limit)
                    .execute()
                    .map(AddressRepository::stored);
            return saved.<Insertion<StoredAddress>>map(Insertion.Inserted::new)
                    .orElseGet(Insertion.LimitReached::new);
        });
    }

    @Override
    public Optional<StoredAddress> replace(UUID owner, UUID id, Address address) {
        return parts(db.execute().createNamedGet("replace-address"), address)
                .addParam("id", id)
                .addParam("user_id", owner)
                .execute()
                .map(AddressRepository::stored);
    }

    @Override
    public boolean remove(UUID owner, UUID id) {
        return db.execute().createNamedDelete("delete-address").addParam("id", id).addParam("user_id", owner)
                .execute() > 0;
    }

    private static <S extends DbStatement<S>> S parts(S statement, Address address) {
        return statement
                .addParam("name", address.name())
                .addParam("street_address", address.streetAddress())
                .addParam("city", address.city())
                .addParam("state", address.state())
                .addParam("country", address.country())
                .addParam("zip_code", address.zipCode())
                .addParam("phone", address.phone());
    }

    private static StoredAddress stored(DbRow row) {
        Address address = new Address(Rows.text(row, "name"), Rows.text(row, "street_address"),
                Rows.text(row, "city"), Rows.text(row, "state"), Rows.text(row, "country"),
                Rows.text(row, "zip_code"), Rows.text(row, "phone"));
        return new StoredAddress(Rows.uuid(row, "id"), address, Rows.instant(row, "created_at"),
                Rows.instant(row, "updated_at"));
    }
}
