package dev.meshmall.product.biz;

import java.util.UUID;

/** A product and a number of its units. */
public record StockItem(UUID productId, int quantity) {
}
