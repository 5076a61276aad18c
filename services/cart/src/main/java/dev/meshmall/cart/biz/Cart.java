package dev.meshmall.cart.biz;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A shopper's cart as stored: its lines in the order they were first added, and its last change. */
public record Cart(List<CartItem> items, Optional<Instant> updatedAt) {
    /** The cart of a shopper who never changed it. */
    public static final Cart NEVER_USED = new Cart(List.of(), Optional.empty());

    public Cart {
        items = List.copyOf(items);
    }
}
