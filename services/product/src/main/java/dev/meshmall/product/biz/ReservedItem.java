package dev.meshmall.product.biz;

import java.util.UUID;

/** A product reserved for an order: its name, how many units, and the unit price they were reserved at. */
public record ReservedItem(UUID productId, String name, int quantity, Money unitPrice) {
}
