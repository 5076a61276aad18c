package dev.meshmall.product.api;

import java.util.List;
import java.util.Optional;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.http.Json;
import dev.meshmall.platform.identity.Caller;
import dev.meshmall.platform.scope.RequestScope;
import dev.meshmall.product.biz.Catalog;
import dev.meshmall.product.biz.Money;
import dev.meshmall.platform.page.PageRequest;
import dev.meshmall.product.biz.Product;
import dev.meshmall.product.biz.ProductChange;
import dev.meshmall.product.biz.ProductDraft;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code /api/v1/products}: anyone browses and reads; merchants and admins create, replace and delete
 * (soft). Reads are public routes in {@code security.public-routes}; the platform answers 401 to the others
 * without a valid token.
 */
public final class ProductsResource implements HttpService {
    public static final String PATH = "/api/v1/products";

    private final Catalog catalog;

    public ProductsResource(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .post("/", this::create)
                .get("/{id}", this::get)
                .put("/{id}", this::replace)
                .delete("/{id}", this::delete);
    }

    private void list(ServerRequest req, ServerResponse res) {
        PageRequest page = PageRequest.parse(query(req, "page"), query(req, "size"));
        var products = catalog.browse(query(req, "q"), query(req, "category"), page);
        res.send(Bodies.PageView.of(products.map(Bodies.ProductView::of)));
    }

    private void get(ServerRequest req, ServerResponse res) {
        res.send(Bodies.ProductView.of(catalog.get(path(req))));
    }

    private void create(ServerRequest req, ServerResponse res) {
        manager();
        Product product = catalog.create(draft(Json.read(req, Bodies.ProductInput.class)));
        res.status(Status.CREATED_201)
                .header(HeaderNames.LOCATION, PATH + "/" + product.id())
                .send(Bodies.ProductView.of(product));
    }

    private void replace(ServerRequest req, ServerResponse res) {
        manager();
        ProductDraft draft = draft(Json.read(req, Bodies.ProductInput.class));
        res.send(Bodies.ProductView.of(catalog.update(path(req), ProductChange.replacing(draft))));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        manager();
        catalog.delete(path(req));
        res.status(Status.NO_CONTENT_204).send();
    }

    private static void manager() {
        RequestScope.requireCaller().requireAnyRole(Caller.MERCHANT, Caller.ADMIN);
    }

    /** The body as a draft: name and price are required, the rest defaults to empty (stock to 0). */
    private static ProductDraft draft(Bodies.ProductInput in) {
        if (in.price() == null) {
            throw DomainError.invalid("price", "price is required");
        }
        if (in.price().amount() == null) {
            throw DomainError.invalid("price.amount", "price.amount is required");
        }
        Money price = new Money(in.price().amount(), text(in.price().currency()));
        return new ProductDraft(text(in.name()), text(in.description()), text(in.pictureUrl()), price,
                in.categories() == null ? List.of() : in.categories().stream().map(ProductsResource::text).toList(),
                in.stock() == null ? 0 : in.stock());
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static Optional<String> query(ServerRequest req, String name) {
        return req.query().first(name).asOptional();
    }

    private static String path(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }
}
