package dev.meshmall.order.biz;

/** A product the order asked more of than is on sale: how many were asked for and how many there were. */
public record Shortage(String productId, int requested, int available) {
}
