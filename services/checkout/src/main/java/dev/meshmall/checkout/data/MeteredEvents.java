package dev.meshmall.checkout.data;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import dev.meshmall.checkout.biz.CheckoutMetrics;
import dev.meshmall.checkout.biz.Kind;
import dev.meshmall.checkout.biz.Step;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;

/**
 * The business metrics in Helidon's registry, scraped at {@code /observe/metrics}:
 * {@code meshmall_checkout_outcomes_total{kind=checkout|pay, outcome=paid|awaiting_payment|declined|refused|failed|abandoned}}
 * and {@code meshmall_checkout_step_seconds{step=cart|prices|place|charge|mark_paid|empty}}, which times each
 * remote step whatever its result. All are registered at start, so they read 0 before the first event.
 */
public final class MeteredEvents implements CheckoutMetrics {
    private final Map<Kind, Map<Outcome, Counter>> outcomes = new EnumMap<>(Kind.class);
    private final Map<Step, Timer> steps = new EnumMap<>(Step.class);

    public MeteredEvents() {
        MeterRegistry registry = Metrics.globalRegistry();
        for (Kind kind : Kind.values()) {
            Map<Outcome, Counter> byOutcome = new EnumMap<>(Outcome.class);
            for (Outcome outcome : Outcome.values()) {
                List<Tag> tags = new ArrayList<>();
                tags.add(Tag.create("kind", lower(kind)));
                tags.add(Tag.create("outcome", lower(outcome)));
                byOutcome.put(outcome, registry.getOrCreate(Counter.builder("meshmall.checkout.outcomes")
                        .description("Checkouts and payments of pending orders, by how they ended")
                        .tags(tags)));
            }
            outcomes.put(kind, byOutcome);
        }
        for (Step step : Step.values()) {
            steps.put(step, registry.getOrCreate(Timer.builder("meshmall.checkout.step")
                    .description("Time of each remote step of a checkout")
                    .tags(List.of(Tag.create("step", lower(step))))));
        }
    }

    @Override
    public void ended(Kind kind, Outcome outcome) {
        outcomes.get(kind).get(outcome).increment();
    }

    @Override
    public <T> T timed(Step step, Supplier<T> call) {
        long start = System.nanoTime();
        try {
            return call.get();
        } finally {
            steps.get(step).record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
