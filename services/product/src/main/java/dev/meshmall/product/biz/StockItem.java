package dev.meshmall.product.biz;

import java.util.Optional;
import java.util.UUID;

/**
 * A product and a number of its units, with the unit price the caller expects to pay for it, if it said one.
 */
public record StockItem(UUID productId, int quantity, Optional<Money> expectedUnitPrice) {
}
