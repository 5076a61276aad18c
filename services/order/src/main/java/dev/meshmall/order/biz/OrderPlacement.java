package dev.meshmall.order.biz;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;

/**
 * Placing an order: stored with its lines but no prices (shown to nobody yet), then its stock reserved through
 * product in one call keyed by the order id, which answers the catalog's name and unit price of every line; the
 * order is priced from that answer, never from its caller, and only then awaits payment. A price the caller
 * expected that the catalog no longer asks refuses the order, as a shortage does: nothing is reserved and the
 * order is removed. A retry with the same idempotency key answers the same order, so a crash between storing
 * and pricing heals on the retry (or the auto-cancel job releases the order).
 */
public final class OrderPlacement {
    public static final String INSUFFICIENT_STOCK = "insufficient_stock";
    public static final String PRICE_CHANGED = "price_changed";
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
            Optional<Outcome> outcome = orders.withPlacement(placed.orderId(), owner, locked -> reserve(locked, order));
            if (outcome.isPresent()) {
                return settle(outcome.get());
            }
        }
        throw new DomainError(ErrorKind.UNAVAILABLE, "placement_contended",
                "other attempts to place this order are under way; retry");
    }

    /** Runs with the order locked, so a concurrent retry waits until the reservation is settled. */
    private Outcome reserve(PlacingOrder locked, NewOrder order) {
        Optional<Order> placed = locked.placed();
        if (placed.isPresent()) {
            return new Outcome.Held(placed.get(), false);
        }
        return switch (stock.reserve(locked.id(), order.lines(), order.currency())) {
            case Reservation.Reserved reserved -> {
                List<OrderLine> lines = OrderRules.price(order, reserved.items());
                yield new Outcome.Held(locked.price(lines, OrderRules.total(lines)), true);
            }
            case Reservation.Short refused -> {
                locked.discard();
                yield new Outcome.Refused(new DomainError(ErrorKind.CONFLICT, INSUFFICIENT_STOCK,
                        "not enough stock for " + refused.shortages().size() + " of the items; no order was placed",
                        Map.of("shortages", refused.shortages())));
            }
            case Reservation.Repriced refused -> {
                locked.discard();
                yield new Outcome.Refused(new DomainError(ErrorKind.CONFLICT, PRICE_CHANGED,
                        "the catalog's price is not the one expected for " + String.join(", ",
                                refused.changes().stream().map(PriceChange::productId).toList())
                                + "; no order was placed", Map.of("price_changes", refused.changes())));
            }
            case Reservation.Closed closed -> throw DomainError.conflict("stock_released",
                    "the order's reserved stock was released; the order is being cancelled");
        };
    }

    private Order settle(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Held held -> {
                if (held.now()) {
                    metrics.placed();
                }
                yield held.order();
            }
            case Outcome.Refused refused -> throw refused.error();
        };
    }

    /** What the locked step gave; a refusal is thrown only after the removal of the order is committed. */
    private sealed interface Outcome {
        record Held(Order order, boolean now) implements Outcome {
        }

        record Refused(DomainError error) implements Outcome {
        }
    }
}
