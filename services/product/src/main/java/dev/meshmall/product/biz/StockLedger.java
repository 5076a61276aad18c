package dev.meshmall.product.biz;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The stock held per order, keyed by the order id. Each method is one transaction: concurrent calls for the
 * same products or the same key are serialised by row locks, so stock never goes below zero.
 */
public interface StockLedger {
    /**
     * Takes every item or none; {@code items} name each product once. A known key takes nothing and answers
     * its state.
     */
    Reservation reserve(UUID key, List<StockItem> items);

    /**
     * Puts a RESERVED key's units back on sale and marks it RELEASED; an unknown key is recorded as RELEASED.
     * Answers the state the key had before (empty when unknown); other states are left as they are.
     */
    Optional<ReservationState> release(UUID key);

    /** Marks a RESERVED key COMMITTED; answers the state it had before (empty when unknown). */
    Optional<ReservationState> commit(UUID key);
}
