package dev.meshmall.cart.biz;

/** Business counters: additions to carts, and carts emptied. Repeats of an applied key count nothing. */
public interface CartMetrics {
    void itemAdded();

    void emptied(EmptyScope scope);
}
