package dev.meshmall.cart.biz;

/** How much of a cart an emptying took: all of it, or the quantities an order took. */
public enum EmptyScope {
    WHOLE_CART,
    ORDERED_ITEMS
}
