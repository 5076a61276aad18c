package dev.meshmall.order.biz;

import java.util.Optional;

/** A product whose catalog price is not the one the order's caller expected (empty: it expected a currency). */
public record PriceChange(String productId, Optional<Money> expected, Money current) {
}
