package dev.meshmall.platform.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;

/**
 * The timers of one metric, one per set of tag values, each looked up in the global registry once: building a
 * timer and asking the registry for it on every call was a few per cent of a service's CPU. A new global
 * registry (tests start several servers in one JVM) empties the cache.
 */
public final class Timers {
    private final String name;
    private final String description;
    private final List<String> tagNames;
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();
    private volatile MeterRegistry registry;

    public Timers(String name, String description, String... tagNames) {
        this.name = name;
        this.description = description;
        this.tagNames = List.of(tagNames);
    }

    /** The timer of these tag values, in the order of the tag names. */
    public Timer timer(String... tagValues) {
        MeterRegistry current = Metrics.globalRegistry();
        if (current != registry) {
            timers.clear();
            registry = current;
        }
        return timers.computeIfAbsent(List.of(tagValues), values -> current.getOrCreate(Timer.builder(name)
                .description(description)
                .tags(IntStream.range(0, tagNames.size())
                        .mapToObj(i -> Tag.create(tagNames.get(i), values.get(i)))
                        .toList())));
    }
}
