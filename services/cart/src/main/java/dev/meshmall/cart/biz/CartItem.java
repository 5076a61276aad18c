package dev.meshmall.cart.biz;

import java.time.Instant;
import java.util.UUID;

/** A line of a cart: a product, how many, and when it first entered the cart. */
public record CartItem(UUID productId, int quantity, Instant addedAt) {
}
