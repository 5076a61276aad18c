package dev.meshmall.checkout.api;

import java.util.UUID;

import dev.meshmall.platform.scope.RequestScope;

/** What handlers of both transports take from a request. */
final class Requests {
    private Requests() {
    }

    /** The verified caller's id; a token whose subject is not a user id identifies nobody. */
    static UUID me() {
        return RequestScope.requireCaller().userUuid();
    }

    static String text(String value) {
        return value == null ? "" : value;
    }
}
