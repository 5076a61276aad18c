package dev.meshmall.order.biz;

import java.util.UUID;

/** A payment as the payment service records it: for which order, whether it succeeded, and how much. */
public record Payment(UUID id, UUID orderId, boolean succeeded, Money amount) {
}
