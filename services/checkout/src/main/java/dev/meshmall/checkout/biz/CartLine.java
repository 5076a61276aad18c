package dev.meshmall.checkout.biz;

/** A product and its quantity in the cart. */
public record CartLine(String productId, int quantity) {
}
