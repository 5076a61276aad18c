package dev.meshmall.order.biz;

import java.util.List;
import java.util.UUID;

/** The product service's stock, keyed by the order id so that every call may be repeated safely. */
public interface Stock {
    /** Reserves all of {@code items} for the order, or nothing. */
    Reservation reserve(UUID orderId, List<OrderLine> items);

    /** Puts the order's reservation back on sale; an order that reserved nothing is recorded as released. */
    Release release(UUID orderId);

    /** Turns the order's reservation into a sale. */
    Commit commit(UUID orderId);
}
