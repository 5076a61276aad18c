package dev.meshmall.cart.api;

import java.util.List;
import java.util.UUID;

import dev.meshmall.cart.biz.Carts;
import dev.meshmall.platform.http.Json;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /api/v1/cart}: the caller's cart, priced at today's catalog. */
public final class CartResource implements HttpService {
    public static final String PATH = "/api/v1/cart";

    private final Carts carts;

    public CartResource(Carts carts) {
        this.carts = carts;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::get)
                .delete("/", this::empty)
                .post("/items", this::add)
                .put("/items/{product_id}", this::change)
                .delete("/items/{product_id}", this::remove);
    }

    private void get(ServerRequest req, ServerResponse res) {
        res.send(Bodies.CartView.of(carts.pricedCart(Requests.me())));
    }

    private void empty(ServerRequest req, ServerResponse res) {
        carts.empty(Requests.me(), Requests.idempotencyKey(req), List.of());
        res.status(Status.NO_CONTENT_204).send();
    }

    private void add(ServerRequest req, ServerResponse res) {
        UUID me = Requests.me();
        Bodies.NewItem item = Json.read(req, Bodies.NewItem.class);
        int quantity = Requests.required(item.quantity(), "quantity");
        res.send(Bodies.CartView.of(carts.addAndPrice(me, Requests.text(item.productId()), quantity,
                Requests.idempotencyKey(req))));
    }

    private void change(ServerRequest req, ServerResponse res) {
        UUID me = Requests.me();
        int quantity = Requests.required(Json.read(req, Bodies.QuantityInput.class).quantity(), "quantity");
        carts.changeQuantity(me, Requests.path(req, "product_id"), quantity);
        res.send(Bodies.CartView.of(carts.pricedCart(me)));
    }

    private void remove(ServerRequest req, ServerResponse res) {
        carts.removeItem(Requests.me(), Requests.path(req, "product_id"));
        res.status(Status.NO_CONTENT_204).send();
    }
}
