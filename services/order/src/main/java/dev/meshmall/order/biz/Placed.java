package dev.meshmall.order.biz;

/** What storing a new order gave: the order just created, or the one its owner placed before with the key. */
public sealed interface Placed {
    Order order();

    record Created(Order order) implements Placed {
    }

    record Existing(Order order, String requestHash) implements Placed {
    }
}
