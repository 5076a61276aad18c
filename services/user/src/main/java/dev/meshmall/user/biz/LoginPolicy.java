package dev.meshmall.user.biz;

import java.time.Duration;

/** How many failed logins in a row lock an account, and for how long. */
public record LoginPolicy(int maxFailures, Duration lockDuration) {
    public static final LoginPolicy DEFAULT = new LoginPolicy(5, Duration.ofMinutes(15));
}
