package dev.meshmall.order.biz;

import java.util.UUID;

/**
 * Who acts on an order: a user, who sees only their own orders, or another service of the shop calling
 * without an end user's token (checkout, the mesh admitting it by service account), who sees any.
 */
public sealed interface Actor {
    static Actor user(UUID id) {
        return new User(id);
    }

    static Actor service() {
        return new Service();
    }

    record User(UUID id) implements Actor {
    }

    record Service() implements Actor {
    }
}
