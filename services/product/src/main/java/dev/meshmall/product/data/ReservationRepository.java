package dev.meshmall.product.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.meshmall.platform.db.Rows;
import dev.meshmall.platform.db.Transactions;
import dev.meshmall.product.biz.Reservation;
import dev.meshmall.product.biz.ReservationState;
import dev.meshmall.product.biz.Shortage;
import dev.meshmall.product.biz.StockItem;
import dev.meshmall.product.biz.StockLedger;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbTransaction;

/**
 * {@code catalog.reservations} and their items, and the stock of {@code catalog.products} they hold. The
 * reservation row is the lock of its key: inserted (or locked) first in each transaction, so two calls with
 * the same key run one after the other.
 */
public final class ReservationRepository implements StockLedger {
    private final DbClient db;

    public ReservationRepository(DbClient db) {
        this.db = db;
    }

    /**
     * In one transaction: the key recorded, the products locked in id order and their stock read, then, when
     * every item has enough, the whole order taken by one UPDATE. A short order is rolled back whole, so its
     * key stays free for a retry.
     */
    @Override
    public Reservation reserve(UUID key, List<StockItem> items) {
        return Transactions.inTransaction(db, tx -> {
            boolean recorded = tx.createNamedGet("insert-reservation")
                    .addParam("key", key)
                    .addParam("state", ReservationState.RESERVED.name())
                    .execute()
                    .isPresent();
            if (!recorded) {
                return new Reservation.Repeated(state(tx, key).orElseThrow());
            }
            List<UUID> ids = items.stream().map(StockItem::productId).toList();
            List<Integer> quantities = items.stream().map(StockItem::quantity).toList();
            List<Shortage> shortages = shortages(items, lockedStock(tx, ids));
            if (!shortages.isEmpty()) {
                return new Reservation.Short(shortages);
            }
            long taken = Rows.all(tx.createNamedQuery("take-stock")
                    .addParam("ids", SqlArrays.of(ids))
                    .addParam("quantities", SqlArrays.of(quantities)), row -> Rows.uuid(row, "id")).size();
            if (taken != items.size()) {
                throw new IllegalStateException("stock changed under a lock: took " + taken + " of " + items.size());
            }
            tx.createNamedInsert("record-reserved-items")
                    .addParam("key", key)
                    .addParam("ids", SqlArrays.of(ids))
                    .addParam("quantities", SqlArrays.of(quantities))
                    .execute();
            return new Reservation.Taken();
        }, outcome -> !(outcome instanceof Reservation.Short));
    }

    @Override
    public Optional<ReservationState> release(UUID key) {
        return Transactions.inTransaction(db, tx -> {
            boolean recorded = tx.createNamedGet("insert-reservation")
                    .addParam("key", key)
                    .addParam("state", ReservationState.RELEASED.name())
                    .execute()
                    .isPresent();
            if (recorded) {
                return Optional.empty();
            }
            ReservationState before = lockedState(tx, key).orElseThrow();
            if (before == ReservationState.RESERVED) {
                Rows.all(tx.createNamedQuery("lock-reserved-products").addParam("key", key), row -> Rows.uuid(row, "id"));
                tx.createNamedUpdate("return-stock").addParam("key", key).execute();
                setState(tx, key, ReservationState.RELEASED);
            }
            return Optional.of(before);
        });
    }

    @Override
    public Optional<ReservationState> commit(UUID key) {
        return Transactions.inTransaction(db, tx -> {
            Optional<ReservationState> before = lockedState(tx, key);
            if (before.isPresent() && before.get() == ReservationState.RESERVED) {
                setState(tx, key, ReservationState.COMMITTED);
            }
            return before;
        });
    }

    /** The units for sale of each live product among {@code ids}, locked until the transaction ends. */
    private static Map<UUID, Integer> lockedStock(DbTransaction tx, List<UUID> ids) {
        Map<UUID, Integer> stock = new HashMap<>();
        Rows.all(tx.createNamedQuery("lock-stock").addParam("ids", SqlArrays.of(ids)),
                row -> stock.put(Rows.uuid(row, "id"), Rows.integer(row, "stock")));
        return stock;
    }

    /** The items there are not enough units of; an absent or deleted product has none. */
    private static List<Shortage> shortages(List<StockItem> items, Map<UUID, Integer> stock) {
        List<Shortage> shortages = new ArrayList<>();
        for (StockItem item : items) {
            int available = stock.getOrDefault(item.productId(), 0);
            if (available < item.quantity()) {
                shortages.add(new Shortage(item.productId(), item.quantity(), available));
            }
        }
        return shortages;
    }

    private static Optional<ReservationState> state(DbTransaction tx, UUID key) {
        return tx.createNamedGet("reservation-state").addParam("key", key).execute()
                .map(row -> ReservationState.valueOf(Rows.text(row, "state")));
    }

    private static Optional<ReservationState> lockedState(DbTransaction tx, UUID key) {
        return tx.createNamedGet("lock-reservation").addParam("key", key).execute()
                .map(row -> ReservationState.valueOf(Rows.text(row, "state")));
    }

    private static void setState(DbTransaction tx, UUID key, ReservationState state) {
        tx.createNamedUpdate("set-reservation-state").addParam("key", key).addParam("state", state.name()).execute();
    }
}
