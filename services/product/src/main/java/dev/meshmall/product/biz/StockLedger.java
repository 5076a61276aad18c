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
     * Takes every item or none; {@code items} name each product once. The prices are read from the rows it
     * locks, checked against the expected ones (and {@code currency}, when present) and recorded with the
     * reservation. A known key takes nothing and answers its state and the items recorded then.
     */
    Reservation reserve(UUID key, List<StockItem> items, Optional<String> currency);

    /**
     * Puts a RESERVED key's units back on sale and marks it RELEASED; an unknown key is recorded as RELEASED.
     * Answers the state the key had before (empty when unknown); other states are left as they are.
     */
    Optional<ReservationState> release(UUID key);

    /** Marks a RESERVED key COMMITTED; answers the state it had before (empty when unknown). */
    Optional<ReservationState> commit(UUID key);
}
