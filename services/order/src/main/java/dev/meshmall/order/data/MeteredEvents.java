package dev.meshmall.order.data;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.meshmall.order.biz.CancelReason;
import dev.meshmall.order.biz.OrderMetrics;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;

/**
 * The business counters in Helidon's registry, scraped at {@code /observe/metrics}:
 * {@code meshmall_order_placed_total} and
 * {@code meshmall_order_cancelled_total{reason=user|payment_failed|timeout,refunded=false|true}} (only an
 * order cancelled by its owner after payment is refunded). All are registered at start, so they read 0 before
 * the first event.
 */
public final class MeteredEvents implements OrderMetrics {
    private final Counter placed;
    private final Map<CancelReason, Counter> cancelled = new EnumMap<>(CancelReason.class);
    private final Counter refunded;

    public MeteredEvents() {
        MeterRegistry registry = Metrics.globalRegistry();
        placed = registry.getOrCreate(Counter.builder("meshmall.order.placed")
                .description("Orders placed with their stock reserved"));
        for (CancelReason reason : CancelReason.values()) {
            cancelled.put(reason, cancelled(registry, reason, false));
        }
        refunded = cancelled(registry, CancelReason.USER, true);
    }

    private static Counter cancelled(MeterRegistry registry, CancelReason reason, boolean refunded) {
        return registry.getOrCreate(Counter.builder("meshmall.order.cancelled")
                .description("Orders cancelled, by reason, and whether their payment was refunded")
                .tags(List.of(Tag.create("reason", reason.name().toLowerCase(Locale.ROOT)),
                        Tag.create("refunded", Boolean.toString(refunded)))));
    }

    @Override
    public void placed() {
        placed.increment();
    }

    @Override
    public void cancelled(CancelReason reason) {
        cancelled.get(reason).increment();
    }

    @Override
    public void refunded() {
        refunded.increment();
    }
}
