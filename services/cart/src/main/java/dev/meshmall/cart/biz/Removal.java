package dev.meshmall.cart.biz;

import java.util.UUID;

/** A quantity of a product to take out of a cart; more than the cart holds takes the whole line. */
public record Removal(UUID productId, int quantity) {
}
