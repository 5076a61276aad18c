package dev.meshmall.order.api;

import java.util.Optional;
import java.util.UUID;

import dev.meshmall.order.biz.Actor;
import dev.meshmall.order.biz.CancelReason;
import dev.meshmall.order.biz.OrderBook;
import dev.meshmall.order.biz.OrderChange;
import dev.meshmall.order.biz.OrderSettlement;
import dev.meshmall.platform.http.Json;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code /api/v1/orders}: the caller's own orders. Orders are placed by checkout over gRPC, so there is no
 * route to create one here.
 */
public final class OrdersResource implements HttpService {
    public static final String PATH = "/api/v1/orders";

    private final OrderBook book;
    private final OrderSettlement settlement;

    public OrdersResource(OrderBook book, OrderSettlement settlement) {
        this.book = book;
        this.settlement = settlement;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .get("/{id}", this::get)
                .patch("/{id}", this::update)
                .post("/{id}/cancel", this::cancel);
    }

    private void list(ServerRequest req, ServerResponse res) {
        UUID me = Requests.me();
        res.send(Bodies.PageView.of(book.list(me, Requests.page(req)).map(Bodies.OrderView::of)));
    }

    private void get(ServerRequest req, ServerResponse res) {
        res.send(Bodies.OrderView.of(book.get(Actor.user(Requests.me()), Requests.path(req, "id"))));
    }

    private void update(ServerRequest req, ServerResponse res) {
        UUID me = Requests.me();
        Bodies.OrderPatch patch = Json.read(req, Bodies.OrderPatch.class);
        OrderChange change = new OrderChange(Optional.ofNullable(patch.email()),
                Optional.ofNullable(patch.address()).map(Bodies.AddressBody::toAddress));
        res.send(Bodies.OrderView.of(book.update(me, Requests.path(req, "id"), change)));
    }

    private void cancel(ServerRequest req, ServerResponse res) {
        Actor me = Actor.user(Requests.me());
        res.send(Bodies.OrderView.of(settlement.cancel(me, Requests.path(req, "id"), CancelReason.USER)));
    }
}
