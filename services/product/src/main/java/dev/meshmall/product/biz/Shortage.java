package dev.meshmall.product.biz;

import java.util.UUID;

/** An item a reservation could not take: how many were asked for, how many were for sale (0 if none is). */
public record Shortage(UUID productId, int requested, int available) {
}
