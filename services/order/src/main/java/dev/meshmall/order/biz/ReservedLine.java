package dev.meshmall.order.biz;

import java.util.UUID;

/** A product product reserved for an order: its name and the unit price it was reserved at, the catalog's. */
public record ReservedLine(UUID productId, String name, int quantity, Money unitPrice) {
}
