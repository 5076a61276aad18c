package dev.meshmall.order.biz;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;

/**
 * Placing an order: stored awaiting payment, then its stock reserved through product in one call keyed by the
 * order id. A retry with the same idempotency key answers the same order and re-confirms its reservation, so
 * a crash between storing and reserving heals on the retry (or the auto-cancel releases the order).
 */
public final class OrderPlacement {
    public static final String INSUFFICIENT_STOCK = "insufficient_stock";
    /** A concurrent retry can remove the order between storing and locking it: then the key is tried afresh. */
    private static final int ATTEMPTS = 3;

    private final OrderStore orders;
    private final Stock stock;
    private final OrderMetrics metrics;

    public OrderPlacement(OrderStore orders, Stock stock, OrderMetrics metrics) {
        this.orders = orders;
        this.stock = stock;
        this.metrics = metrics;
    }

    public Order place(UUID owner, OrderRequest request) {
        NewOrder order = OrderRules.check(owner, request);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Placed placed = orders.placeOrFind(order);
            if (placed instanceof Placed.Existing existing && !existing.requestHash().equals(order.requestHash())) {
                throw new DomainError(ErrorKind.INVALID, "idempotency_key_reused",
                        "this idempotency key was used for another order", Map.of("field", "idempotency_key"));
            }
            Optional<Outcome> outcome = orders.withLocked(placed.orderId(), Actor.user(owner), this::reserve);
            if (outcome.isPresent()) {
                return settle(placed, outcome.get());
            }
        }
        throw new DomainError(ErrorKind.UNAVAILABLE, "placement_contended",
                "other attempts to place this order are under way; retry");
    }

    /** Runs with the order locked, so a cancel or a concurrent retry waits until the reservation is settled. */
    private Outcome reserve(LockedOrder locked) {
        Order order = locked.order();
        if (!order.awaitsPayment()) {
            return new Outcome.Held(order);
        }
        return switch (stock.reserve(order.id(), order.items())) {
            case Reservation.Reserved reserved -> new Outcome.Held(order);
            case Reservation.Short refused -> {
                locked.discard();
                yield new Outcome.Refused(refused.shortages());
            }
            case Reservation.Closed closed -> throw DomainError.conflict("stock_released",
                    "the order's reserved stock was released; the order is being cancelled");
        };
    }

    private Order settle(Placed placed, Outcome outcome) {
        return switch (outcome) {
            case Outcome.Held held -> {
                if (placed instanceof Placed.Created) {
                    metrics.placed();
                }
                yield held.order();
            }
            case Outcome.Refused refused -> throw new DomainError(ErrorKind.CONFLICT, INSUFFICIENT_STOCK,
                    "not enough stock for " + refused.shortages().size() + " of the items; no order was placed",
                    Map.of("shortages", refused.shortages()));
        };
    }

    private sealed interface Outcome {
        record Held(Order order) implements Outcome {
        }

        record Refused(List<Shortage> shortages) implements Outcome {
        }
    }
}
