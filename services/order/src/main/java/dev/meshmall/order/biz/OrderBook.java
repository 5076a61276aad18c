package dev.meshmall.order.biz;

import java.util.UUID;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.page.Page;
import dev.meshmall.platform.page.PageRequest;
import dev.meshmall.platform.text.Ids;

/** A user's orders: reading them, and changing where an unpaid one goes. */
public final class OrderBook {
    static final String WHAT = "order";

    private final OrderStore orders;

    public OrderBook(OrderStore orders) {
        this.orders = orders;
    }

    public Order get(Actor actor, String id) {
        return orders.find(Ids.require(id, WHAT), actor).orElseThrow(() -> DomainError.notFound(WHAT));
    }

    public Page<Order> list(UUID owner, PageRequest page) {
        return orders.list(owner, page);
    }

    public Order update(UUID owner, String id, OrderChange change) {
        UUID orderId = Ids.require(id, WHAT);
        OrderChange valid = OrderRules.check(change);
        if (valid.email().isEmpty() && valid.address().isEmpty()) {
            return get(Actor.user(owner), id);
        }
        return switch (orders.edit(orderId, owner, valid)) {
            case Edit.Edited edited -> edited.order();
            case Edit.NotEditable frozen -> throw DomainError.conflict("order_not_editable",
                    "only an order awaiting payment can change its email or address; this one is "
                            + frozen.order().status());
            case Edit.Missing missing -> throw DomainError.notFound(WHAT);
        };
    }
}
