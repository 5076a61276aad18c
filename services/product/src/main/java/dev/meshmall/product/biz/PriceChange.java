package dev.meshmall.product.biz;

import java.util.Optional;
import java.util.UUID;

/**
 * An item a reservation refused because its price is not what the caller expected: the price it expected (empty
 * when it named only the currency) and the catalog's price now.
 */
public record PriceChange(UUID productId, Optional<Money> expected, Money current) {
}
