package dev.meshmall.devstack;

/** Why the stack cannot start, in one line for the user; the devstack prints it, stops what runs and exits 1. */
final class StartFailure extends RuntimeException {

    StartFailure(String message) {
        super(message);
    }

    StartFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
