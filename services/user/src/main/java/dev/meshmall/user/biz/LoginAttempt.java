package dev.meshmall.user.biz;

/** Whether an account may try a password now, or is locked after too many failures. */
public sealed interface LoginAttempt {
    record Allowed() implements LoginAttempt {
    }

    record Locked(long retryAfterSeconds) implements LoginAttempt {
    }
}
