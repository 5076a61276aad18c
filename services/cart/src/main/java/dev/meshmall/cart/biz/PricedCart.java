package dev.meshmall.cart.biz;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A cart priced at today's catalog prices, as the shopper sees it. Lines whose product is gone stay, marked
 * unavailable, and count in no total. {@code totals} holds one sum per currency, sorted by currency code: a
 * catalog in one currency gives one total, and a cart mixing currencies is summed per currency, never
 * converted.
 */
public record PricedCart(List<PricedItem> items, List<Money> totals, int itemCount, Optional<Instant> updatedAt) {
    public PricedCart {
        items = List.copyOf(items);
        totals = List.copyOf(totals);
    }

    public static PricedCart of(Cart cart, Map<UUID, Product> products) {
        List<PricedItem> items = new ArrayList<>();
        Map<String, Money> totals = new TreeMap<>();
        int units = 0;
        for (CartItem item : cart.items()) {
            PricedItem priced = new PricedItem(item, Optional.ofNullable(products.get(item.productId())));
            items.add(priced);
            priced.lineTotal().ifPresent(line -> totals.merge(line.currency(), line, Money::plus));
            units += item.quantity();
        }
        return new PricedCart(items, List.copyOf(totals.values()), units, cart.updatedAt());
    }

    /** The total when every available line is in one currency; empty for an empty or a mixed cart. */
    public Optional<Money> total() {
        return totals.size() == 1 ? Optional.of(totals.getFirst()) : Optional.empty();
    }
}
