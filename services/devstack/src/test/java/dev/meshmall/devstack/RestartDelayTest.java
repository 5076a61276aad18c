package dev.meshmall.devstack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

class RestartDelayTest {
    private static final Instant START = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void aServiceThatKeepsDyingWaitsOneSecondThenTwiceAsLongEachTimeUpToHalfAMinute() {
        RestartDelay delay = new RestartDelay();
        List<Long> waits = new ArrayList<>();
        Instant now = START;
        for (int exit = 0; exit < 8; exit++) {
            now = now.plusSeconds(5);
            waits.add(delay.exited(now).toSeconds());
        }

        assertThat(waits, contains(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L));
    }

    @Test
    void aServiceHealthyForAMinuteStartsOverAtOneSecond() {
        RestartDelay delay = new RestartDelay();
        delay.exited(START);
        delay.exited(START.plusSeconds(2));
        delay.healthy(START.plusSeconds(10));

        assertThat(delay.exited(START.plusSeconds(10).plus(RestartDelay.STABLE)), is(Duration.ofSeconds(1)));
    }

    @Test
    void aServiceHealthyForLessThanAMinuteKeepsBackingOff() {
        RestartDelay delay = new RestartDelay();
        delay.exited(START);
        delay.healthy(START.plusSeconds(3));

        assertThat(delay.exited(START.plusSeconds(30)), is(Duration.ofSeconds(2)));
    }
}
