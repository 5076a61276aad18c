package dev.meshmall.order.biz;

import java.util.List;

/** What product answered to reserving an order's stock. */
public sealed interface Reservation {
    /** Every item is held for the order (now or by an earlier call with the same key), at these prices. */
    record Reserved(List<ReservedLine> items) implements Reservation {
        public Reserved {
            items = List.copyOf(items);
        }
    }

    /** Nothing is held: these items are short. */
    record Short(List<Shortage> shortages) implements Reservation {
        public Short {
            shortages = List.copyOf(shortages);
        }
    }

    /** Nothing is held: these items are not at the price the caller expected, or not in the order's currency. */
    record Repriced(List<PriceChange> changes) implements Reservation {
        public Repriced {
            changes = List.copyOf(changes);
        }
    }

    /** The order's key was already released or committed, so it can hold nothing any more. */
    record Closed() implements Reservation {
    }
}
