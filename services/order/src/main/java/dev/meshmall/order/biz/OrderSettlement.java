package dev.meshmall.order.biz;

import java.time.Duration;
import java.util.UUID;
import java.util.logging.Logger;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;
import dev.meshmall.platform.text.Ids;

/**
 * The end of an order's wait for payment: paid (its stock sold) or cancelled (its stock back on sale), and the
 * cancel of a paid order by its owner, which refunds it. Each runs with the order locked, so a payment and a
 * cancel of the same order happen one after the other. An order is paid only by a payment that payment itself
 * confirms, and a paid order's refund is asked for only once its cancel is recorded, so that payment can check it.
 */
public final class OrderSettlement {
    public static final String NOT_CONFIRMED = "payment_not_confirmed";
    private static final String NOT_PAYABLE = "order_not_payable";
    private static final int RETRY_BATCH = 50;
    private static final Logger LOG = Logger.getLogger(OrderSettlement.class.getName());

    private final OrderStore orders;
    private final Stock stock;
    private final Payments payments;
    private final OrderMetrics metrics;

    public OrderSettlement(OrderStore orders, Stock stock, Payments payments, OrderMetrics metrics) {
        this.orders = orders;
        this.stock = stock;
        this.payments = payments;
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
     * owner: the request is recorded first (the order stays PAID), then its payment is refunded in full and the
     * order becomes REFUNDED. Its stock stays sold: the goods have left or are on their way, and a merchant
     * restocks what comes back. A refused refund takes the request back and leaves the order paid; one that could
     * not be made (payment unreachable) leaves the request, and a retry goes on from it. The refund is keyed by
     * the order id, so a retry never refunds twice.
     */
    public Order cancel(Actor actor, String orderId, CancelReason reason) {
        if (reason == CancelReason.TIMEOUT) {
            throw DomainError.invalid("reason", "only the order service cancels for a timeout");
        }
        UUID id = Ids.require(orderId, OrderBook.WHAT);
        Cancellation done = orders.withLocked(id, actor, locked -> cancel(locked, reason))
                .orElseThrow(() -> DomainError.notFound(OrderBook.WHAT));
        if (done.refundDue()) {
            done = refund(actor, id);
        }
        if (done.now()) {
            if (done.order().status() == OrderStatus.REFUNDED) {
                metrics.refunded();
            } else {
                metrics.cancelled(reason);
            }
        }
        return done.order();
    }

    /**
     * The refund retry job: each paid order whose owner's cancel was recorded more than {@code age} ago but whose
     * refund could not be made is refunded now, one order at a time (each refund is its own payment operation,
     * keyed by the order, so a run racing a live cancel refunds once). A refusal takes the request back, as for
     * the owner; an order payment still cannot be reached for stays for the next run. Answers how many it refunded.
     */
    public int retryRefunds(Duration age) {
        int refunded = 0;
        for (UUID id : orders.refundsDue(age, RETRY_BATCH)) {
            try {
                if (refund(Actor.service(), id).now()) {
                    metrics.refunded();
                    refunded++;
                }
            } catch (DomainError e) {
                LOG.warning("the refund of cancelled order " + id + " failed (" + e.code() + ")"
                        + (e.kind() == ErrorKind.CONFLICT ? "; the order stays paid" : "; retrying at the next run"));
            }
        }
        if (refunded > 0) {
            LOG.info("refunded " + refunded + " cancelled orders whose refund had not gone through");
        }
        return refunded;
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
            case PENDING_PAYMENT -> {
                confirm(order, payment);
                yield switch (stock.commit(order.id())) {
                    case COMMITTED -> locked.markPaid(payment);
                    case ALREADY_RELEASED -> throw DomainError.conflict(NOT_PAYABLE,
                            "the order's stock was released; it is being cancelled");
                    case NOT_RESERVED -> throw DomainError.conflict(NOT_PAYABLE, "the order holds no stock");
                };
            }
        };
    }

    /** Payment's own record of the payment: succeeded, for this order, in its total and currency. */
    private void confirm(Order order, UUID paymentId) {
        Payment payment = payments.find(paymentId).orElseThrow(() -> notConfirmed("payment knows no payment "
                + paymentId));
        if (!payment.succeeded()) {
            throw notConfirmed("payment " + paymentId + " did not succeed");
        }
        if (!payment.orderId().equals(order.id())) {
            throw notConfirmed("payment " + paymentId + " is for another order");
        }
        if (!payment.amount().equals(order.totalMoney())) {
            throw notConfirmed("payment " + paymentId + " is " + payment.amount().amount() + " "
                    + payment.amount().currency() + ", not the order's total " + order.total() + " "
                    + order.currency());
        }
    }

    private static DomainError notConfirmed(String detail) {
        return DomainError.conflict(NOT_CONFIRMED, detail + "; the order is not paid");
    }

    private Cancellation cancel(LockedOrder locked, CancelReason reason) {
        Order order = locked.order();
        return switch (order.status()) {
            case CANCELLED, REFUNDED -> new Cancellation(order, false, false);
            case PAID -> {
                if (reason != CancelReason.USER) {
                    throw DomainError.conflict("order_paid", "a paid order is cancelled only by its owner, with a refund");
                }
                if (!order.refundRequested()) {
                    locked.requestRefund();
                }
                yield new Cancellation(order, false, true);
            }
            case PENDING_PAYMENT -> switch (stock.release(order.id())) {
                case RELEASED -> new Cancellation(locked.cancel(reason), true, false);
                case ALREADY_COMMITTED -> throw DomainError.conflict("order_paid",
                        "the order's stock is already sold: its payment is being recorded");
            };
        };
    }

    /** The second step of a paid order's cancel, once its request is committed for payment to see. */
    private Cancellation refund(Actor actor, UUID id) {
        try {
            return orders.withLocked(id, actor, locked -> {
                Order order = locked.order();
                if (order.status() != OrderStatus.PAID) {
                    return new Cancellation(order, false, false);
                }
                payments.refund(order.paymentId().orElseThrow(), order.id());
                return new Cancellation(locked.refunded(), true, false);
            }).orElseThrow(() -> DomainError.notFound(OrderBook.WHAT));
        } catch (DomainError e) {
            if (e.kind() == ErrorKind.CONFLICT) {
                orders.withLocked(id, actor, locked -> {
                    locked.withdrawRefundRequest();
                    return true;
                });
            }
            throw e;
        }
    }

    private record Cancellation(Order order, boolean now, boolean refundDue) {
    }
}
