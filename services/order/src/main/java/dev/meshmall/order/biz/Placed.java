package dev.meshmall.order.biz;

import java.util.UUID;

/** What storing a new order gave: the order just created, or the one its owner placed before with the key. */
public sealed interface Placed {
    UUID orderId();

    record Created(UUID orderId) implements Placed {
    }

    record Existing(UUID orderId, String requestHash) implements Placed {
    }
}
