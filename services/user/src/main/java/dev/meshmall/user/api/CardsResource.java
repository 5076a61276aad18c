package dev.meshmall.user.api;

import java.util.Optional;
import java.util.UUID;

import dev.meshmall.platform.http.Json;
import dev.meshmall.user.biz.NewCard;
import dev.meshmall.user.biz.Wallet;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /api/v1/users/me/cards}: the caller's saved cards, shown without number or token. */
public final class CardsResource implements HttpService {
    public static final String PATH = "/api/v1/users/me/cards";

    private final Wallet wallet;

    public CardsResource(Wallet wallet) {
        this.wallet = wallet;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .post("/", this::add)
                .get("/{id}", this::get)
                .delete("/{id}", this::remove);
    }

    private void list(ServerRequest req, ServerResponse res) {
        UUID me = Requests.me();
        res.send(Bodies.PageView.of(wallet.list(me, Requests.page(req)).map(Bodies.CardView::of)));
    }

    private void get(ServerRequest req, ServerResponse res) {
        res.send(Bodies.CardView.of(wallet.get(Requests.me(), Requests.path(req, "id"))));
    }

    private void add(ServerRequest req, ServerResponse res) {
        UUID me = Requests.me();
        Bodies.CardInput in = Json.read(req, Bodies.CardInput.class);
        NewCard card = new NewCard(Requests.text(in.number()), Requests.required(in.expMonth(), "exp_month"),
                Requests.required(in.expYear(), "exp_year"), Requests.text(in.holderName()),
                Optional.ofNullable(in.cvv()));
        Bodies.CardView saved = Bodies.CardView.of(wallet.add(me, card));
        res.status(Status.CREATED_201).header(HeaderNames.LOCATION, PATH + "/" + saved.id()).send(saved);
    }

    private void remove(ServerRequest req, ServerResponse res) {
        wallet.remove(Requests.me(), Requests.path(req, "id"));
        res.status(Status.NO_CONTENT_204).send();
    }
}
