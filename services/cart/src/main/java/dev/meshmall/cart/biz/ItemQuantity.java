package dev.meshmall.cart.biz;

/** A product and a quantity as a caller sent them, not yet checked. */
public record ItemQuantity(String productId, int quantity) {
}
