package dev.meshmall.payment.biz;

import java.util.UUID;

/**
 * Who acts on a payment: a user, who sees only their own payments, or another service of the shop calling
 * without an end user's token (checkout compensating, order refunding, the sweep), who sees any.
 */
public sealed interface Actor {
    static Actor user(UUID id) {
        return new User(id);
    }

    static Actor system() {
        return new System();
    }

    record User(UUID id) implements Actor {
    }

    record System() implements Actor {
    }
}
