package dev.meshmall.order.biz;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An order as stored: its owner, lines, total, where it goes and where it is in its life. {@code refundRequested}:
 * its owner cancelled it once paid, and its refund is being (or was) made.
 */
public record Order(UUID id, UUID owner, OrderStatus status, List<OrderLine> items, String currency, long total,
                    String email, Address address, Optional<UUID> paymentId, Optional<CancelReason> cancelReason,
                    boolean refundRequested, Instant createdAt, Instant updatedAt) {
    public Order {
        items = List.copyOf(items);
    }

    public boolean awaitsPayment() {
        return status == OrderStatus.PENDING_PAYMENT;
    }

    public Money totalMoney() {
        return new Money(total, currency);
    }

    /** This order as the change to {@code status} made it at {@code at}, for {@code payment} and {@code reason}. */
    public Order changed(OrderStatus status, Optional<UUID> payment, Optional<CancelReason> reason, Instant at) {
        return new Order(id, owner, status, items, currency, total, email, address, payment, reason, refundRequested,
                createdAt, at);
    }
}
