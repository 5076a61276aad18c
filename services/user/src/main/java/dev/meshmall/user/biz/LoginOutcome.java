package dev.meshmall.user.biz;

/** How a login ended, as counted by the metrics. */
public enum LoginOutcome {
    SUCCESS,
    INVALID,
    LOCKED,
    BANNED
}
