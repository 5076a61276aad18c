package dev.meshmall.checkout.biz;

/**
 * Told each state a checkout enters, right after it is recorded. Production does nothing; the crash tests stop
 * a checkout dead there, leaving the database exactly as a crash would.
 */
@FunctionalInterface
public interface Checkpoint {
    Checkpoint NONE = state -> { };

    void recorded(CheckoutState state);
}
