package dev.meshmall.product.biz;

import java.util.List;

/** What asking the ledger to reserve an order's items gave. */
public sealed interface Reservation {
    /** Every item was taken, in the same transaction as the record of the reservation. */
    record Taken() implements Reservation {
    }

    /** The key was seen before: nothing was taken this time. */
    record Repeated(ReservationState state) implements Reservation {
    }

    /** Some items were short: nothing was taken and nothing was recorded. */
    record Short(List<Shortage> items) implements Reservation {
        public Short {
            items = List.copyOf(items);
        }
    }
}
