package dev.meshmall.order.api;

import java.util.Optional;
import java.util.UUID;

import dev.meshmall.order.biz.Actor;
import dev.meshmall.platform.page.PageRequest;
import dev.meshmall.platform.scope.RequestScope;

import io.helidon.webserver.http.ServerRequest;

/** What handlers of both transports take from a request: the caller, absent fields, paging. */
final class Requests {
    private Requests() {
    }

    /** The verified caller's id; a token whose subject is not a user id identifies nobody. */
    static UUID me() {
        return RequestScope.requireCaller().userUuid();
    }

    /** The caller, or another service when the call carries no end user's token ("system too" RPCs). */
    static Actor actor() {
        return RequestScope.currentCaller().isPresent() ? Actor.user(me()) : Actor.service();
    }

    /** An absent text field is empty: the rules then name it as required. */
    static String text(String value) {
        return value == null ? "" : value;
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
