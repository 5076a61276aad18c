package dev.meshmall.user.api;

import java.util.Optional;
import java.util.UUID;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.identity.Caller;
import dev.meshmall.platform.scope.RequestScope;
import dev.meshmall.platform.page.PageRequest;

import io.helidon.webserver.http.ServerRequest;

/** What handlers of both transports take from a request: the caller, absent fields, paging. */
final class Requests {
    private Requests() {
    }

    /** The verified caller's id; a token whose subject is not an account id identifies nobody. */
    static UUID me() {
        return RequestScope.requireCaller().userUuid();
    }

    /** The caller's id after checking they are an admin (403 otherwise). */
    static UUID admin() {
        return RequestScope.requireCaller().requireAnyRole(Caller.ADMIN).userUuid();
    }

    /** An absent text field is empty: the rules then name it as required. */
    static String text(String value) {
        return value == null ? "" : value;
    }

    static int required(Integer value, String field) {
        if (value == null) {
            throw DomainError.invalid(field, field + " is required");
        }
        return value;
    }

    static PageRequest page(ServerRequest req) {
        return PageRequest.parse(query(req, "page"), query(req, "size"));
    }

    static Optional<String> query(ServerRequest req, String name) {
        return req.query().first(name).asOptional();
    }

    static String path(ServerRequest req, String name) {
        return req.path().pathParameters().get(name);
    }
}
