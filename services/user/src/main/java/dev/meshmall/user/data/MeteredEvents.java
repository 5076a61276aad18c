package dev.meshmall.user.data;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.meshmall.user.biz.LoginOutcome;
import dev.meshmall.user.biz.UserMetrics;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;

/**
 * The business counters in Helidon's registry, scraped at {@code /observe/metrics}:
 * {@code meshmall_user_registrations_total} and {@code meshmall_user_logins_total{outcome=...}}.
 */
public final class MeteredEvents implements UserMetrics {
    private final Counter registrations;
    private final Map<LoginOutcome, Counter> logins = new EnumMap<>(LoginOutcome.class);

    public MeteredEvents() {
        MeterRegistry registry = Metrics.globalRegistry();
        registrations = registry.getOrCreate(Counter.builder("meshmall.user.registrations")
                .description("Accounts registered"));
        for (LoginOutcome outcome : LoginOutcome.values()) {
            logins.put(outcome, registry.getOrCreate(Counter.builder("meshmall.user.logins")
                    .description("Logins by outcome")
                    .tags(List.of(Tag.create("outcome", outcome.name().toLowerCase(Locale.ROOT))))));
        }
    }

    @Override
    public void registered() {
        registrations.increment();
    }

    @Override
    public void login(LoginOutcome outcome) {
        logins.get(outcome).increment();
    }
}
