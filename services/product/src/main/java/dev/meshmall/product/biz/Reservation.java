package dev.meshmall.product.biz;

import java.util.List;

/** What asking the ledger to reserve an order's items gave. */
public sealed interface Reservation {
    /** Every item was taken, in the same transaction as the record of the reservation and its prices. */
    record Taken(List<ReservedItem> items) implements Reservation {
        public Taken {
            items = List.copyOf(items);
        }
    }

    /** The key was seen before: nothing was taken this time; its items at the prices recorded then. */
    record Repeated(ReservationState state, List<ReservedItem> items) implements Reservation {
        public Repeated {
            items = List.copyOf(items);
        }
    }

    /** Some items were short: nothing was taken and nothing was recorded. */
    record Short(List<Shortage> items) implements Reservation {
        public Short {
            items = List.copyOf(items);
        }
    }

    /** Some items are not at the price the caller expected: nothing was taken and nothing was recorded. */
    record Repriced(List<PriceChange> items) implements Reservation {
        public Repriced {
            items = List.copyOf(items);
        }
    }
}
