package dev.meshmall.devstack;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long a service that exited waits before its restart, as compose and Kubernetes back off: 1 s, doubled at
 * each exit up to 30 s, and back to 1 s once the service has stayed healthy for a minute.
 */
final class RestartDelay {
    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration LONGEST = Duration.ofSeconds(30);
    static final Duration STABLE = Duration.ofMinutes(1);

    private Duration next = FIRST;
    private Optional<Instant> healthySince = Optional.empty();

    synchronized void healthy(Instant at) {
        healthySince = Optional.of(at);
    }

    /** The wait before the restart of a service that exited {@code at}. */
    synchronized Duration exited(Instant at) {
        if (healthySince.filter(since -> !since.plus(STABLE).isAfter(at)).isPresent()) {
            next = FIRST;
        }
        healthySince = Optional.empty();
        Duration wait = next;
        next = next.multipliedBy(2).compareTo(LONGEST) < 0 ? next.multipliedBy(2) : LONGEST;
        return wait;
    }
}
