package dev.meshmall.auth.data;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.meshmall.auth.biz.TokenEvents;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;

/**
 * Counters in Helidon's global registry, exported at {@code /observe/metrics} as
 * {@code meshmall_auth_tokens_issued_total{grant}} and {@code meshmall_auth_refreshes_total{outcome}}.
 * Every counter exists from start-up, so a dashboard shows zero rather than nothing.
 */
public final class TokenMetrics implements TokenEvents {
    private final Map<Grant, Counter> issued = new EnumMap<>(Grant.class);
    private final Map<RefreshOutcome, Counter> refreshes = new EnumMap<>(RefreshOutcome.class);

    public TokenMetrics() {
        for (Grant grant : Grant.values()) {
            issued.put(grant, counter("meshmall.auth.tokens.issued", "Token pairs issued, by grant", "grant", grant));
        }
        for (RefreshOutcome outcome : RefreshOutcome.values()) {
            refreshes.put(outcome, counter("meshmall.auth.refreshes", "Refresh attempts, by outcome", "outcome", outcome));
        }
    }

    @Override
    public void issued(Grant grant) {
        issued.get(grant).increment();
    }

    @Override
    public void refreshed(RefreshOutcome outcome) {
        refreshes.get(outcome).increment();
    }

    private static Counter counter(String name, String description, String tag, Enum<?> value) {
        return Metrics.globalRegistry().getOrCreate(Counter.builder(name)
                .description(description)
                .tags(List.of(Tag.create(tag, value.name().toLowerCase(Locale.ROOT)))));
    }
}
