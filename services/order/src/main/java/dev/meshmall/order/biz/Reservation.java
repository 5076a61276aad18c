package dev.meshmall.order.biz;

import java.util.List;

/** What product answered to reserving an order's stock. */
public sealed interface Reservation {
    /** Every item is held for the order (now or by an earlier call with the same key). */
    record Reserved() implements Reservation {
    }

    /** Nothing is held: these items are short. */
    record Short(List<Shortage> shortages) implements Reservation {
        public Short {
            shortages = List.copyOf(shortages);
        }
    }

    /** The order's key was already released or committed, so it can hold nothing any more. */
    record Closed() implements Reservation {
    }
}
