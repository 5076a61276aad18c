package dev.meshmall.checkout.biz;

import java.util.List;
import java.util.UUID;

/** Order's answer to placing: the order with its stock reserved, or the items short of stock. */
public sealed interface Placement {
    record Placed(UUID orderId) implements Placement {
    }

    record Short(List<Shortage> shortages) implements Placement {
        public Short {
            shortages = List.copyOf(shortages);
        }
    }
}
