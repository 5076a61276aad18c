package dev.meshmall.cart.data;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.meshmall.cart.biz.CartMetrics;
import dev.meshmall.cart.biz.EmptyScope;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;

/**
 * The business counters in Helidon's registry, scraped at {@code /observe/metrics}:
 * {@code meshmall_cart_items_added_total} and {@code meshmall_cart_emptied_total{extent=whole_cart|ordered_items}}.
 * Registered at start, so they read 0 before the first event. (Helidon keeps the tag {@code scope} for itself.)
 */
public final class MeteredEvents implements CartMetrics {
    private final Counter itemsAdded;
    private final Map<EmptyScope, Counter> emptied = new EnumMap<>(EmptyScope.class);

    public MeteredEvents() {
        MeterRegistry registry = Metrics.globalRegistry();
        itemsAdded = registry.getOrCreate(Counter.builder("meshmall.cart.items.added")
                .description("Additions to carts (a line added or increased)"));
        for (EmptyScope scope : EmptyScope.values()) {
            emptied.put(scope, registry.getOrCreate(Counter.builder("meshmall.cart.emptied")
                    .description("Carts emptied, whole or of the items an order took")
                    .tags(List.of(Tag.create("extent", scope.name().toLowerCase(Locale.ROOT))))));
        }
    }

    @Override
    public void itemAdded() {
        itemsAdded.increment();
    }

    @Override
    public void emptied(EmptyScope scope) {
        emptied.get(scope).increment();
    }
}
