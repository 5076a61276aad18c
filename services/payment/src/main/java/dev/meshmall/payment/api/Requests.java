package dev.meshmall.payment.api;

import java.util.UUID;

import dev.meshmall.payment.biz.Actor;
import dev.meshmall.platform.scope.RequestScope;

/** What handlers of both transports take from a request: the caller. */
final class Requests {
    private Requests() {
    }

    /** The verified caller's id; a token whose subject is not a user id identifies nobody. */
    static UUID me() {
        return RequestScope.requireCaller().userUuid();
    }

    /** The caller, or another service when the call carries no end user's token ("system too" RPCs). */
    static Actor actor() {
        return RequestScope.currentCaller().isPresent() ? Actor.user(me()) : Actor.system();
    }
}
