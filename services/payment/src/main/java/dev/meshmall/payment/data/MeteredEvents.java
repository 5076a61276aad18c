package dev.meshmall.payment.data;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.meshmall.payment.biz.Outcome;
import dev.meshmall.payment.biz.PaymentMetrics;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;

/**
 * The business counters in Helidon's registry, scraped at {@code /observe/metrics}:
 * {@code meshmall_payment_charges_total{outcome=succeeded|card_declined|insufficient_funds}},
 * {@code meshmall_payment_refunds_total} and {@code meshmall_payment_cancelled_total{cause=request|sweep}}.
 * All are registered at start, so they read 0 before the first event.
 */
public final class MeteredEvents implements PaymentMetrics {
    private final Map<Outcome, Counter> charges = new EnumMap<>(Outcome.class);
    private final Counter refunds;
    private final Counter cancelled;
    private final Counter swept;

    public MeteredEvents() {
        MeterRegistry registry = Metrics.globalRegistry();
        for (Outcome outcome : Outcome.values()) {
            charges.put(outcome, registry.getOrCreate(Counter.builder("meshmall.payment.charges")
                    .description("Charges answered by the processor, by outcome")
                    .tags(List.of(Tag.create("outcome", tag(outcome))))));
        }
        refunds = registry.getOrCreate(Counter.builder("meshmall.payment.refunds")
                .description("Succeeded payments refunded"));
        cancelled = cancelled(registry, "request");
        swept = cancelled(registry, "sweep");
    }

    private static Counter cancelled(MeterRegistry registry, String cause) {
        return registry.getOrCreate(Counter.builder("meshmall.payment.cancelled")
                .description("Pending payments cancelled, by cause: a request, or the sweep of stale ones")
                .tags(List.of(Tag.create("cause", cause))));
    }

    private static String tag(Outcome outcome) {
        return outcome == Outcome.APPROVE ? "succeeded" : outcome.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void charged(Outcome outcome) {
        charges.get(outcome).increment();
    }

    @Override
    public void refunded() {
        refunds.increment();
    }

    @Override
    public void cancelled() {
        cancelled.increment();
    }

    @Override
    public void swept(int payments) {
        if (payments > 0) {
            swept.increment(payments);
        }
    }
}
