package dev.meshmall.cart.data;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.meshmall.cart.biz.Addition;
import dev.meshmall.cart.biz.Cart;
import dev.meshmall.cart.biz.CartItem;
import dev.meshmall.cart.biz.CartStore;
import dev.meshmall.cart.biz.Removal;
import dev.meshmall.platform.db.Rows;
import dev.meshmall.platform.db.Transactions;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

/**
 * {@code cart.carts}, {@code cart.items} and {@code cart.applied_keys}; every statement names the owner, so
 * another user's cart is never touched. Every change first locks the owner's {@code cart.carts} row (an
 * addition creates it), so the changes of one cart run one after another: the line count an addition checks
 * cannot be passed by a concurrent one, and a partial emptying sees each line as it is. A change that consumes
 * an idempotency key records the key first, in the same transaction: a concurrent repeat waits on the key and
 * then finds it.
 */
public final class CartRepository implements CartStore {
    private static final String ADD_ITEM = "add_item";
    private static final String EMPTY_CART = "empty_cart";

    private final DbClient db;
    private final Supplier<Duration> keyRetention;

    public CartRepository(DbClient db, Supplier<Duration> keyRetention) {
        this.db = db;
        this.keyRetention = keyRetention;
    }

    @Override
    public Cart find(UUID owner) {
        List<CartRow> rows = Rows.all(db.execute().createNamedQuery("cart").addParam("user_id", owner), CartRow::of);
        if (rows.isEmpty()) {
            return Cart.NEVER_USED;
        }
        List<CartItem> items = rows.stream().map(CartRow::item).flatMap(Optional::stream).toList();
        return new Cart(items, Optional.of(rows.getFirst().updatedAt()));
    }

    @Override
    public Addition add(UUID owner, UUID productId, int quantity, Optional<String> key, int maxQuantity, int maxLines) {
        return Transactions.inTransaction(db, tx -> {
            if (key.isPresent() && !recordKey(tx, owner, ADD_ITEM, key.get())) {
                return new Addition.Repeated();
            }
            openCart(tx, owner);
            boolean added = tx.createNamedGet("add-item")
                    .addParam("user_id", owner)
                    .addParam("product_id", productId)
                    .addParam("quantity", quantity)
                    .addParam("max_quantity", maxQuantity)
                    .addParam("max_lines", maxLines)
                    .execute()
                    .isPresent();
            if (added) {
                return new Addition.Added();
            }
            return tx.createNamedGet("item-quantity").addParam("user_id", owner).addParam("product_id", productId)
                    .execute()
                    .<Addition>map(row -> new Addition.OverLimit(Rows.integer(row, "quantity")))
                    .orElseGet(Addition.CartFull::new);
        }, outcome -> outcome instanceof Addition.Added || outcome instanceof Addition.Repeated);
    }

    @Override
    public boolean put(UUID owner, UUID productId, int quantity, int maxLines) {
        return Transactions.inTransaction(db, tx -> {
            openCart(tx, owner);
            return tx.createNamedGet("put-item")
                    .addParam("user_id", owner)
                    .addParam("product_id", productId)
                    .addParam("quantity", quantity)
                    .addParam("max_lines", maxLines)
                    .execute()
                    .isPresent();
        }, put -> put);
    }

    @Override
    public boolean change(UUID owner, UUID productId, int quantity) {
        return Transactions.inTransaction(db, tx -> lockCart(tx, owner)
                && touchIf(tx, owner, tx.createNamedUpdate("change-item")
                        .addParam("user_id", owner)
                        .addParam("product_id", productId)
                        .addParam("quantity", quantity)
                        .execute()));
    }

    @Override
    public boolean remove(UUID owner, UUID productId) {
        return Transactions.inTransaction(db, tx -> lockCart(tx, owner)
                && touchIf(tx, owner, tx.createNamedDelete("remove-item")
                        .addParam("user_id", owner)
                        .addParam("product_id", productId)
                        .execute()));
    }

    @Override
    public boolean empty(UUID owner, Optional<String> key) {
        return Transactions.inTransaction(db, tx -> {
            if (key.isPresent() && !recordKey(tx, owner, EMPTY_CART, key.get())) {
                return false;
            }
            if (lockCart(tx, owner)) {
                touchIf(tx, owner, tx.createNamedDelete("empty-cart").addParam("user_id", owner).execute());
            }
            return true;
        });
    }

    @Override
    public boolean take(UUID owner, List<Removal> removals, Optional<String> key) {
        return Transactions.inTransaction(db, tx -> {
            if (key.isPresent() && !recordKey(tx, owner, EMPTY_CART, key.get())) {
                return false;
            }
            if (lockCart(tx, owner)) {
                tx.createNamedGet("take-items")
                        .addParam("user_id", owner)
                        .addParam("product_ids", removals.stream().map(r -> r.productId().toString())
                                .collect(Collectors.joining(",")))
                        .addParam("quantities", removals.stream().map(r -> Integer.toString(r.quantity()))
                                .collect(Collectors.joining(",")))
                        .execute();
            }
            return true;
        });
    }

    /** Records the key, dropping the owner's keys past retention: false if it was recorded within retention. */
    private boolean recordKey(DbExecute tx, UUID owner, String operation, String key) {
        return tx.createNamedGet("record-key")
                .addParam("user_id", owner)
                .addParam("operation", operation)
                .addParam("idempotency_key", key)
                .addParam("retention_seconds", keyRetention.get().toSeconds())
                .execute()
                .isPresent();
    }

    /** Creates and locks the owner's cart row, stamping the change about to be made. */
    private static void openCart(DbExecute tx, UUID owner) {
        tx.createNamedInsert("open-cart").addParam("user_id", owner).execute();
    }

    /** Locks the owner's cart row: false if there is none, so nothing to change. */
    private static boolean lockCart(DbExecute tx, UUID owner) {
        return tx.createNamedGet("lock-cart").addParam("user_id", owner).execute().isPresent();
    }

    private static boolean touchIf(DbExecute tx, UUID owner, long changedRows) {
        if (changedRows == 0) {
            return false;
        }
        tx.createNamedUpdate("touch-cart").addParam("user_id", owner).execute();
        return true;
    }

    /**
     * A row of the cart query: the cart's last change, and one of its lines if it has any ({@code held}; the
     * line's columns are NULL otherwise, which Helidon's column reading does not take).
     */
    private record CartRow(Instant updatedAt, Optional<CartItem> item) {
        static CartRow of(DbRow row) {
            Optional<CartItem> item = Rows.bool(row, "held")
                    ? Optional.of(new CartItem(Rows.uuid(row, "product_id"), Rows.integer(row, "quantity"),
                            Rows.instant(row, "added_at")))
                    : Optional.empty();
            return new CartRow(Rows.instant(row, "updated_at"), item);
        }
    }
}
