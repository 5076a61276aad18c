package dev.meshmall.cart.biz;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where carts live; every method sees only the cart of {@code owner}. A change and the idempotency key it
 * consumes are stored in one transaction, so a retried call finds the key exactly when the change was made.
 */
public interface CartStore {
    /** The owner's cart, {@link Cart#NEVER_USED} if they never changed it. */
    Cart find(UUID owner);

    /**
     * Adds {@code quantity} to the line of the product, creating it if missing; atomic against concurrent
     * changes of the same cart: the line never passes {@code maxQuantity}, the cart never {@code maxLines}.
     */
    Addition add(UUID owner, UUID productId, int quantity, Optional<String> key, int maxQuantity, int maxLines);

    /** Sets the line's quantity, creating it if missing: false, and nothing changed, if the cart was full. */
    boolean put(UUID owner, UUID productId, int quantity, int maxLines);

    /** Sets the quantity of a line the cart holds: false if it holds none. */
    boolean change(UUID owner, UUID productId, int quantity);

    /** Removes the line: false if the cart held none. */
    boolean remove(UUID owner, UUID productId);

    /** Removes every line: false, and nothing removed, if {@code key} was applied before. */
    boolean empty(UUID owner, Optional<String> key);

    /**
     * Lowers each named line by its quantity, removing the lines that would reach zero; products the cart does
     * not hold are skipped. False, and nothing removed, if {@code key} was applied before.
     */
    boolean take(UUID owner, List<Removal> removals, Optional<String> key);
}
