package dev.meshmall.order.biz;

import java.util.List;
import java.util.UUID;

/** The product service's stock, keyed by the order id so that every call may be repeated safely. */
public interface Stock {
    /**
     * Reserves all of {@code lines} for the order, or nothing, each at the catalog's price in {@code currency}
     * and at the price the line expects, if any; answers the names and prices reserved.
     */
    Reservation reserve(UUID orderId, List<RequestedLine> lines, String currency);

    /** Puts the order's reservation back on sale; an order that reserved nothing is recorded as released. */
    Release release(UUID orderId);

    /** Turns the order's reservation into a sale. */
    Commit commit(UUID orderId);
}
