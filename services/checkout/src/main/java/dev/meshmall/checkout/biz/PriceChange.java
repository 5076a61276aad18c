package dev.meshmall.checkout.biz;

import java.util.Optional;

/**
 * A product whose catalog price changed after the checkout read it: the price the checkout expected (empty when
 * it expected only the currency) and the catalog's now.
 */
public record PriceChange(String productId, Optional<Money> expected, Money current) {
}
