package dev.meshmall.payment.biz;

import java.util.Optional;
import java.util.UUID;

/**
 * An order as the order service answers it, the facts payment charges and refunds by: its state, its total, the
 * payment it was paid with, and whether its owner cancelled it once paid ({@code refundRequested}).
 */
public record Order(UUID id, OrderState state, Money total, Optional<UUID> paymentId, boolean refundRequested) {
}
