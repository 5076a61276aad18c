package dev.meshmall.order.biz;

import java.util.UUID;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.text.Ids;

/**
 * The end of an order's wait for payment: paid (its stock sold) or cancelled (its stock back on sale), and the
 * cancel of a paid order by its owner, which refunds it. Each runs with the order locked, so a payment and a
 * cancel of the same order happen one after the other.
 */
public final class OrderSettlement {
    private static final String NOT_PAYABLE = "order_not_payable";

    private final OrderStore orders;
    private final Stock stock;
    private final Refunds refunds;
    private final OrderMetrics metrics;

    public OrderSettlement(OrderStore orders, Stock stock, Refunds refunds, OrderMetrics metrics) {
        this.orders = orders;
        this.stock = stock;
        this.refunds = refunds;
        this.metrics = metrics;
    }

    /** Idempotent: the same payment again answers the paid order. */
    public Order markPaid(Actor actor, String orderId, String paymentId) {
        UUID id = Ids.require(orderId, OrderBook.WHAT);
        UUID payment = Ids.field(paymentId, "payment_id");
        return orders.withLocked(id, actor, locked -> pay(locked, payment))
                .orElseThrow(() -> DomainError.notFound(OrderBook.WHAT));
    }

    /**
     * Idempotent: a cancelled or refunded order is answered as it is. A paid order is cancelled only by its
     * owner: its payment is refunded in full and the order becomes REFUNDED. Its stock stays sold: the goods
     * have left or are on their way, and a merchant restocks what comes back. A refused refund leaves the order
     * paid; the refund is keyed by the order id, so a retry after a failure between the two never refunds twice.
     */
    public Order cancel(Actor actor, String orderId, CancelReason reason) {
        if (reason == CancelReason.TIMEOUT) {
            throw DomainError.invalid("reason", "only the order service cancels for a timeout");
        }
        UUID id = Ids.require(orderId, OrderBook.WHAT);
        Cancellation done = orders.withLocked(id, actor, locked -> cancel(locked, reason))
                .orElseThrow(() -> DomainError.notFound(OrderBook.WHAT));
        if (done.now()) {
            if (done.order().status() == OrderStatus.REFUNDED) {
                metrics.refunded();
            } else {
                metrics.cancelled(reason);
            }
        }
        return done.order();
    }

    private Order pay(LockedOrder locked, UUID payment) {
        Order order = locked.order();
        return switch (order.status()) {
            case PAID -> {
                if (!order.paymentId().orElseThrow().equals(payment)) {
                    throw DomainError.conflict(NOT_PAYABLE, "the order is already paid by another payment");
                }
                yield order;
            }
            case CANCELLED, REFUNDED -> throw DomainError.conflict(NOT_PAYABLE,
                    "the order is " + order.status() + " and can no longer be paid");
            case PENDING_PAYMENT -> switch (stock.commit(order.id())) {
                case COMMITTED -> locked.markPaid(payment);
                case ALREADY_RELEASED -> throw DomainError.conflict(NOT_PAYABLE,
                        "the order's stock was released; it is being cancelled");
                case NOT_RESERVED -> throw DomainError.conflict(NOT_PAYABLE, "the order holds no stock");
            };
        };
    }

    private Cancellation cancel(LockedOrder locked, CancelReason reason) {
        Order order = locked.order();
        return switch (order.status()) {
            case CANCELLED, REFUNDED -> new Cancellation(order, false);
            case PAID -> {
                if (reason != CancelReason.USER) {
                    throw DomainError.conflict("order_paid", "a paid order is cancelled only by its owner, with a refund");
                }
                refunds.refund(order.paymentId().orElseThrow(), order.id());
                yield new Cancellation(locked.refunded(), true);
            }
            case PENDING_PAYMENT -> switch (stock.release(order.id())) {
                case RELEASED -> new Cancellation(locked.cancel(reason), true);
                case ALREADY_COMMITTED -> throw DomainError.conflict("order_paid",
                        "the order's stock is already sold: its payment is being recorded");
            };
        };
    }

    private record Cancellation(Order order, boolean now) {
    }
}
