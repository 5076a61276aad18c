package dev.meshmall.checkout.biz;

import java.util.UUID;

/** One of the shopper's orders as order shows it, for paying it later. */
public record PlacedOrder(UUID id, OrderStatus status, Draft draft) {
}
