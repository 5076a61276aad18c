package dev.meshmall.user.biz;

import java.time.Duration;

/**
 * How many failed logins in a row on one account from one client hold that client off the account, and for how
 * long after the last of them.
 */
public record LoginPolicy(int maxFailures, Duration lockDuration) {
    public static final LoginPolicy DEFAULT = new LoginPolicy(5, Duration.ofMinutes(15));
}
