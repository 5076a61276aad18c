package dev.meshmall.cart.api;

import java.util.Optional;
import java.util.UUID;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.scope.RequestScope;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/** What handlers of both transports take from a request: the caller, absent fields, headers. */
final class Requests {
    private Requests() {
    }

    /** The verified caller's id: whose cart it is. A token whose subject is not a user id identifies nobody. */
    static UUID me() {
        return RequestScope.requireCaller().userUuid();
    }

    static int required(Integer value, String field) {
        if (value == null) {
            throw DomainError.invalid(field, field + " is required");
        }
        return value;
    }

    /** An absent text field is empty: the rules then name it as required. */
    static String text(String value) {
        return value == null ? "" : value;
    }

    static String path(ServerRequest req, String name) {
        return req.path().pathParameters().get(name);
    }

    /** The optional {@code Idempotency-Key} header: a repeat of the request with the same key changes nothing. */
    static Optional<String> idempotencyKey(ServerRequest req) {
        return req.headers().first(HeaderNames.create("Idempotency-Key"));
    }
}
