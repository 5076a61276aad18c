package dev.meshmall.product.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.meshmall.platform.db.Rows;
import dev.meshmall.platform.db.Transactions;
import dev.meshmall.product.biz.Money;
import dev.meshmall.product.biz.PriceChange;
import dev.meshmall.product.biz.Reservation;
import dev.meshmall.product.biz.ReservationState;
import dev.meshmall.product.biz.ReservedItem;
import dev.meshmall.product.biz.Shortage;
import dev.meshmall.product.biz.StockItem;
import dev.meshmall.product.biz.StockLedger;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
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
     * One statement: the products locked in id order and, when every item has enough units and is at the price
     * expected, the key recorded, the whole order taken and its items recorded at those prices. A short or
     * repriced order records nothing, so its key stays free for a retry; a key recorded before takes nothing and
     * answers what it holds, whatever the stock and prices are now.
     */
    @Override
    public Reservation reserve(UUID key, List<StockItem> items, Optional<String> currency) {
        List<Locked> rows = Rows.all(db.execute().createNamedQuery("reserve-stock")
                .addParam("key", key)
                .addParam("state", ReservationState.RESERVED.name())
                .addParam("ids", SqlArrays.of(items.stream().map(StockItem::productId).toList()))
                .addParam("quantities", SqlArrays.of(items.stream().map(StockItem::quantity).toList()))
                .addParam("prices", SqlArrays.ofOptional(items.stream()
                        .map(item -> item.expectedUnitPrice().map(Money::amount)).toList()))
                .addParam("currencies", SqlArrays.ofOptional(items.stream()
                        .map(item -> item.expectedUnitPrice().map(Money::currency)).toList()))
                .addParam("currency", currency.orElse("")), Locked::of);
        if (rows.getFirst().recorded()) {
            Map<UUID, OnSale> onSale = onSale(rows);
            return new Reservation.Taken(items.stream()
                    .map(item -> onSale.get(item.productId()).reserved(item.quantity()))
                    .toList());
        }
        Optional<Reservation.Repeated> repeated = repeated(key);
        if (repeated.isPresent() || rows.getFirst().ok()) {
            return repeated.orElseThrow(() -> new IllegalStateException("reservation " + key + " vanished"));
        }
        Map<UUID, OnSale> onSale = onSale(rows);
        List<PriceChange> changes = priceChanges(items, onSale, currency);
        if (!changes.isEmpty()) {
            return new Reservation.Repriced(changes);
        }
        return new Reservation.Short(shortages(items, onSale));
    }

    /** What a key recorded before holds, read in one transaction; empty if the key is free. */
    private Optional<Reservation.Repeated> repeated(UUID key) {
        return Transactions.inTransaction(db, tx -> state(tx, key)
                .map(state -> new Reservation.Repeated(state, reservedItems(tx, key))));
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

    /**
     * One statement in the usual case: a reserved key moves to committed, under its row's lock. Otherwise the
     * key is read for what it holds (committed before, released, or unknown).
     */
    @Override
    public Optional<ReservationState> commit(UUID key) {
        boolean committed = db.execute().createNamedUpdate("commit-reservation").addParam("key", key).execute() > 0;
        if (committed) {
            return Optional.of(ReservationState.RESERVED);
        }
        return state(db.execute(), key);
    }

    /** A live product as its locked row has it: its name, units for sale and price. */
    private record OnSale(UUID id, String name, int stock, Money price) {
        ReservedItem reserved(int quantity) {
            return new ReservedItem(id, name, quantity, price);
        }
    }

    /** A wanted product as the reservation statement answers it: its locked row, if live, and the verdict. */
    private record Locked(Optional<OnSale> product, boolean ok, boolean recorded) {
        static Locked of(DbRow row) {
            Optional<OnSale> product = Rows.bool(row, "live")
                    ? Optional.of(new OnSale(Rows.uuid(row, "id"), Rows.text(row, "name"), Rows.integer(row, "stock"),
                            new Money(Rows.number(row, "price_amount"), Rows.text(row, "currency"))))
                    : Optional.empty();
            return new Locked(product, Rows.bool(row, "ok"), Rows.bool(row, "recorded"));
        }
    }

    private static Map<UUID, OnSale> onSale(List<Locked> rows) {
        Map<UUID, OnSale> onSale = new HashMap<>();
        rows.forEach(row -> row.product().ifPresent(product -> onSale.put(product.id(), product)));
        return onSale;
    }

    /**
     * The live items whose price is not the one expected, or not in the order's currency; an absent or deleted
     * product has no price and is counted short instead.
     */
    private static List<PriceChange> priceChanges(List<StockItem> items, Map<UUID, OnSale> onSale,
                                                  Optional<String> currency) {
        List<PriceChange> changes = new ArrayList<>();
        for (StockItem item : items) {
            OnSale product = onSale.get(item.productId());
            if (product == null) {
                continue;
            }
            boolean expected = item.expectedUnitPrice().map(product.price()::equals).orElse(true);
            boolean inCurrency = currency.map(product.price().currency()::equals).orElse(true);
            if (!expected || !inCurrency) {
                changes.add(new PriceChange(item.productId(), item.expectedUnitPrice(), product.price()));
            }
        }
        return changes;
    }

    /** The items there are not enough units of; an absent or deleted product has none. */
    private static List<Shortage> shortages(List<StockItem> items, Map<UUID, OnSale> onSale) {
        List<Shortage> shortages = new ArrayList<>();
        for (StockItem item : items) {
            int available = onSale.containsKey(item.productId()) ? onSale.get(item.productId()).stock() : 0;
            if (available < item.quantity()) {
                shortages.add(new Shortage(item.productId(), item.quantity(), available));
            }
        }
        return shortages;
    }

    /** In product id order, as a reservation taken answers its items. */
    private static List<ReservedItem> reservedItems(DbTransaction tx, UUID key) {
        return Rows.all(tx.createNamedQuery("reserved-items").addParam("key", key), row -> new ReservedItem(
                        Rows.uuid(row, "product_id"), Rows.text(row, "name"), Rows.integer(row, "quantity"),
                        new Money(Rows.number(row, "price_amount"), Rows.text(row, "currency"))))
                .stream().sorted(Comparator.comparing(ReservedItem::productId)).toList();
    }

    private static Optional<ReservationState> state(DbExecute tx, UUID key) {
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
