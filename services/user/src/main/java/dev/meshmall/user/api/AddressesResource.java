package dev.meshmall.user.api;

import java.util.UUID;

import dev.meshmall.platform.http.Json;
import dev.meshmall.user.biz.Address;
import dev.meshmall.user.biz.AddressBook;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /api/v1/users/me/addresses}: the caller's shipping addresses. */
public final class AddressesResource implements HttpService {
    public static final String PATH = "/api/v1/users/me/addresses";

    private final AddressBook book;

    public AddressesResource(AddressBook book) {
        this.book = book;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .post("/", this::add)
                .get("/{id}", this::get)
                .put("/{id}", this::replace)
                .delete("/{id}", this::remove);
    }

    private void list(ServerRequest req, ServerResponse res) {
        UUID me = Requests.me();
        res.send(Bodies.PageView.of(book.list(me, Requests.page(req)).map(Bodies.AddressView::of)));
    }

    private void get(ServerRequest req, ServerResponse res) {
        res.send(Bodies.AddressView.of(book.get(Requests.me(), Requests.path(req, "id"))));
    }

    private void add(ServerRequest req, ServerResponse res) {
        UUID me = Requests.me();
        Bodies.AddressView saved = Bodies.AddressView.of(book.add(me, address(Json.read(req, Bodies.AddressInput.class))));
        res.status(Status.CREATED_201).header(HeaderNames.LOCATION, PATH + "/" + saved.id()).send(saved);
    }

    private void replace(ServerRequest req, ServerResponse res) {
        UUID me = Requests.me();
        Address address = address(Json.read(req, Bodies.AddressInput.class));
        res.send(Bodies.AddressView.of(book.replace(me, Requests.path(req, "id"), address)));
    }

    private void remove(ServerRequest req, ServerResponse res) {
        book.remove(Requests.me(), Requests.path(req, "id"));
        res.status(Status.NO_CONTENT_204).send();
    }

    private static Address address(Bodies.AddressInput in) {
        return new Address(Requests.text(in.name()), Requests.text(in.streetAddress()), Requests.text(in.city()),
                Requests.text(in.state()), Requests.text(in.country()), Requests.text(in.zipCode()),
                Requests.text(in.phone()));
    }
}
