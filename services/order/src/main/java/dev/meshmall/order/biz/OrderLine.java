package dev.meshmall.order.biz;

import java.util.UUID;

/** One product of an order, with its name and unit price when ordered (in the order's currency). */
public record OrderLine(UUID productId, String name, int quantity, long unitPrice) {
    /** Quantity times unit price; the rules bound both, so it cannot overflow. */
    public long cost() {
        return Math.multiplyExact(quantity, unitPrice);
    }
}
