package dev.meshmall.checkout.biz;

import java.util.List;
import java.util.UUID;

/**
 * Order's answer to placing: the order with its stock reserved, or why nothing was: the items short of stock, or
 * the items whose price is no longer the one the checkout read.
 */
public sealed interface Placement {
    record Placed(UUID orderId) implements Placement {
    }

    record Short(List<Shortage> shortages) implements Placement {
        public Short {
            shortages = List.copyOf(shortages);
        }
    }

    record Repriced(List<PriceChange> changes) implements Placement {
        public Repriced {
            changes = List.copyOf(changes);
        }
    }
}
