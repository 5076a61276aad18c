package dev.meshmall.product.biz;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

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
    public static final String PRICE_CHANGED = "price_changed";
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private final StockLedger ledger;
    private final ProductMetrics metrics;

    public StockReservations(StockLedger ledger, ProductMetrics metrics) {
        this.ledger = ledger;
        this.metrics = metrics;
    }

    /** A line of an order as the caller sends it, with the unit price it expects, if any. */
    public record Line(String productId, int quantity, Optional<Money> expectedUnitPrice) {
    }

    /**
     * Reserves the order's items, the quantities of a product listed twice added up, at the catalog's prices,
     * every one in {@code currency} when it is not blank. Answers what happened: taken now (with the prices),
     * held before (with the prices recorded then), short or repriced, which the transport refuses with
     * {@link #shortage} or {@link #repriced} and the items in the form its clients read. A key released before
     * is refused here.
     */
    public Reservation reserve(String key, List<Line> lines, String currency) {
        UUID order = key(key);
        List<StockItem> items = items(lines);
        Reservation outcome = ledger.reserve(order, items, currency(currency));
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
            case Reservation.Repriced refused -> metrics.reservation(ReservationEvent.REFUSED);
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

    /** The error a reservation refused for its prices answers, naming the products whose price differs. */
    public static DomainError repriced(List<PriceChange> items) {
        List<Map<String, Object>> shown = items.stream()
                .map(item -> Map.<String, Object>of("product_id", item.productId().toString(),
                        "unit_price", item.current()))
                .toList();
        String names = String.join(", ", items.stream().map(item -> item.productId().toString()).toList());
        return new DomainError(ErrorKind.CONFLICT, PRICE_CHANGED,
                "the price of " + items.size() + (items.size() == 1 ? " item is" : " items are")
                        + " not the one expected: " + names, Map.of("items", shown));
    }

    private static Optional<String> currency(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        if (!CURRENCY.matcher(raw).matches()) {
            throw DomainError.invalid("currency", "currency is an ISO 4217 code in upper case, like USD");
        }
        return Optional.of(raw);
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
        Map<UUID, StockItem> merged = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            String field = "items[" + i + "]";
            UUID product = Ids.parse(line.productId()).orElseThrow(() -> DomainError.invalid(field + ".product_id",
                    "a product id is a UUID"));
            if (line.quantity() < 1 || line.quantity() > MAX_QUANTITY) {
                throw DomainError.invalid(field + ".quantity", "a quantity is 1 to " + MAX_QUANTITY);
            }
            line.expectedUnitPrice().ifPresent(price -> checkPrice(field + ".expected_unit_price", price));
            StockItem item = new StockItem(product, line.quantity(), line.expectedUnitPrice());
            StockItem before = merged.get(product);
            if (before != null && !before.expectedUnitPrice().equals(item.expectedUnitPrice())) {
                throw DomainError.invalid(field + ".expected_unit_price",
                        "a product listed twice is expected at one price");
            }
            merged.put(product, before == null ? item
                    : new StockItem(product, before.quantity() + item.quantity(), item.expectedUnitPrice()));
        }
        return List.copyOf(merged.values());
    }

    private static void checkPrice(String field, Money price) {
        if (price.amount() < 0) {
            throw DomainError.invalid(field + ".amount", "a price is at least 0 minor units");
        }
        if (!CURRENCY.matcher(price.currency()).matches()) {
            throw DomainError.invalid(field + ".currency", "a currency is an ISO 4217 code like USD");
        }
    }
}
