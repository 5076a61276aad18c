package dev.meshmall.order.biz;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An order being placed, its row locked until the surrounding transaction ends: stored with its lines but no
 * prices until its stock is reserved, and shown to nobody until then.
 */
public interface PlacingOrder {
    UUID id();

    /** The order, once placed (priced, awaiting payment or beyond); empty while it is still being placed. */
    Optional<Order> placed();

    /** Gives the lines their names and prices, the order its total, and makes it PENDING_PAYMENT. */
    Order price(List<OrderLine> lines, long total);

    /** Removes the order: its reservation was refused, so it never held stock; nothing of it remains. */
    void discard();
}
