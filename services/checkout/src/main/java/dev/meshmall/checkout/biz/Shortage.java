package dev.meshmall.checkout.biz;

/** A product the order asked more of than is for sale. */
public record Shortage(String productId, int requested, int available) {
}
