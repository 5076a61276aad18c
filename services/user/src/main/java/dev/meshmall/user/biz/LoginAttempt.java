package dev.meshmall.user.biz;

/** Whether a client may try a password on an account now, or is held off after too many failures. */
public sealed interface LoginAttempt {
    record Allowed() implements LoginAttempt {
    }

    record Locked(long retryAfterSeconds) implements LoginAttempt {
    }
}
