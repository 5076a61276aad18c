package dev.meshmall.load;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.incrementUsersPerSec;

import io.gatling.javaapi.core.OpenInjectionStep;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How users arrive. smoke: one user, every failure counts; capacity: a rate rising level by level until the
 * objectives break; soak: a steady rate for {@code -Dduration} seconds.
 */
enum Profile {
    SMOKE, CAPACITY, SOAK;

    static Profile named(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-Dprofile is smoke, capacity or soak, not " + name);
        }
    }

    /**
     * Arrivals of one scenario. {@code share} is its part of the traffic (1 for the main one); smoke ignores it
     * and sends exactly one user.
     */
    List<OpenInjectionStep> arrivals(double share) {
        return switch (this) {
            case SMOKE -> List.of(atOnceUsers(1));
            case CAPACITY -> List.of(incrementUsersPerSec(RunSettings.RATE_STEP * share)
                    .times(RunSettings.LEVELS)
                    .eachLevelLasting(RunSettings.LEVEL_DURATION)
                    .separatedByRampsLasting(Duration.ofSeconds(2))
                    .startingFrom(RunSettings.START_RATE * share));
            case SOAK -> List.of(constantUsersPerSec(RunSettings.RATE * share).during(RunSettings.DURATION));
        };
    }

    /** A hard stop, so a run against a stuck shop still ends by itself. */
    Duration maxDuration() {
        return switch (this) {
            case SMOKE -> Duration.ofMinutes(2);
            case CAPACITY -> RunSettings.LEVEL_DURATION.plusSeconds(2).multipliedBy(RunSettings.LEVELS)
                    .plusMinutes(1);
            case SOAK -> RunSettings.DURATION.plusMinutes(1);
        };
    }

    /** The share of failed requests a run may have, in percent. */
    double allowedFailurePercent() {
        return this == SMOKE ? 0.0 : 0.1;
    }
}
