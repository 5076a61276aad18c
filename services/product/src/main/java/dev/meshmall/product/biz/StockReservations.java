package dev.meshmall.product.biz;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;
import dev.meshmall.platform.text.Ids;

/**
 * An order's stock: reserved when it is placed (all items or none), released when it is cancelled, committed
 * when it is paid. Every call is keyed by the order id, so a retry changes nothing.
 */
public final class StockReservations {
    public static final int MAX_QUANTITY = 999;
    public static final int MAX_ITEMS = 100;
    public static final String INSUFFICIENT_STOCK = "insufficient_stock";

    private final StockLedger ledger;
    private final ProductMetrics metrics;

    public StockReservations(StockLedger ledger, ProductMetrics metrics) {
        this.ledger = ledger;
        this.metrics = metrics;
    }

    /** A line of an order as the caller sends it. */
    public record Line(String productId, int quantity) {
    }

    /**
     * Reserves the order's items, the quantities of a product listed twice added up. Answers what happened:
     * taken now, held before, or short, which the transport refuses with {@link #shortage} and the short
     * items in the form its clients read. A key released before is refused here.
     */
    public Reservation reserve(String key, List<Line> lines) {
        UUID order = key(key);
        List<StockItem> items = items(lines);
        Reservation outcome = ledger.reserve(order, items);
        switch (outcome) {
            case Reservation.Taken taken -> metrics.reservation(ReservationEvent.RESERVED);
            case Reservation.Repeated repeated when repeated.state() == ReservationState.RELEASED -> {
                metrics.reservation(ReservationEvent.REFUSED);
                throw DomainError.conflict("reservation_released",
                        "the reservation of this order was released; place a new order");
            }
            case Reservation.Repeated repeated -> {
                // the same order again: already held (or sold), nothing more to take
            }
            case Reservation.Short refused -> metrics.reservation(ReservationEvent.REFUSED);
        }
        return outcome;
    }

    /** Gives the order's units back; an unknown order is recorded as released so a late reserve is refused. */
    public void release(String key) {
        Optional<ReservationState> before = ledger.release(key(key));
        if (before.isEmpty()) {
            return;
        }
        switch (before.get()) {
            case RESERVED -> metrics.reservation(ReservationEvent.RELEASED);
            case RELEASED -> {
                // released before: nothing to give back twice
            }
            case COMMITTED -> throw DomainError.conflict("reservation_committed",
                    "the order's stock was sold; it cannot be released");
        }
    }

    /** The order is paid: its reserved units are sold. */
    public void commit(String key) {
        ReservationState before = ledger.commit(key(key))
                .orElseThrow(() -> DomainError.notFound("reservation"));
        switch (before) {
            case RESERVED -> metrics.reservation(ReservationEvent.COMMITTED);
            case COMMITTED -> {
                // committed before
            }
            case RELEASED -> throw DomainError.conflict("reservation_released",
                    "the order's stock was released; it cannot be sold");
        }
    }

    /** The error a refused reservation answers, with the short items for the caller to show. */
    public static DomainError shortage(List<Shortage> items) {
        List<Map<String, Object>> shown = items.stream()
                .map(item -> Map.<String, Object>of("product_id", item.productId().toString(),
                        "requested", item.requested(), "available", item.available()))
                .toList();
        return new DomainError(ErrorKind.CONFLICT, INSUFFICIENT_STOCK,
                items.size() + (items.size() == 1 ? " item is" : " items are") + " short of stock",
                Map.of("items", shown));
    }

    private static UUID key(String raw) {
        return Ids.parse(raw).orElseThrow(() -> DomainError.invalid("idempotency_key",
                "the idempotency key is the order id, a UUID"));
    }

    /** One item per product, in id order, each quantity checked before they are added up. */
    private static List<StockItem> items(List<Line> lines) {
        if (lines.isEmpty()) {
            throw DomainError.invalid("items", "a reservation needs at least one item");
        }
        if (lines.size() > MAX_ITEMS) {
            throw DomainError.invalid("items", "a reservation holds at most " + MAX_ITEMS + " items");
        }
        Map<UUID, Integer> quantities = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            String field = "items[" + i + "]";
            UUID product = Ids.parse(line.productId()).orElseThrow(() -> DomainError.invalid(field + ".product_id",
                    "a product id is a UUID"));
            if (line.quantity() < 1 || line.quantity() > MAX_QUANTITY) {
                throw DomainError.invalid(field + ".quantity", "a quantity is 1 to " + MAX_QUANTITY);
            }
            quantities.merge(product, line.quantity(), Integer::sum);
        }
        return quantities.entrySet().stream().map(e -> new StockItem(e.getKey(), e.getValue())).toList();
    }
}
