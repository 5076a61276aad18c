package dev.meshmall.product.data;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.meshmall.product.biz.ProductMetrics;
import dev.meshmall.product.biz.ReservationEvent;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;

/**
 * The business counters in Helidon's registry, scraped at {@code /observe/metrics}:
 * {@code meshmall_product_reservations_total{outcome=reserved|refused|released|committed}}, each registered
 * at start so it shows 0 before the first event.
 */
public final class MeteredEvents implements ProductMetrics {
    private final Map<ReservationEvent, Counter> reservations = new EnumMap<>(ReservationEvent.class);

    public MeteredEvents() {
        MeterRegistry registry = Metrics.globalRegistry();
        for (ReservationEvent event : ReservationEvent.values()) {
            reservations.put(event, registry.getOrCreate(Counter.builder("meshmall.product.reservations")
                    .description("Stock reservations by outcome")
                    .tags(List.of(Tag.create("outcome", event.name().toLowerCase(Locale.ROOT))))));
        }
    }

    @Override
    public void reservation(ReservationEvent event) {
        reservations.get(event).increment();
    }
}
