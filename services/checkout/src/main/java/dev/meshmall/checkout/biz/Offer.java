package dev.meshmall.checkout.biz;

/** A product on sale now, at its current price. */
public record Offer(String productId, String name, Money price) {
}
