package dev.meshmall.product.api;

import dev.meshmall.product.biz.Catalog;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code /api/v1/categories}: the categories in use, by slug. Not paged: a shop has tens of them, and every
 * one is on its menu.
 */
public final class CategoriesResource implements HttpService {
    public static final String PATH = "/api/v1/categories";

    private final Catalog catalog;

    public CategoriesResource(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list);
    }

    private void list(ServerRequest req, ServerResponse res) {
        res.send(new Bodies.CategoryList(catalog.categories().stream().map(Bodies.CategoryView::of).toList()));
    }
}
