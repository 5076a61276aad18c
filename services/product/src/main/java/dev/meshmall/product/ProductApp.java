package dev.meshmall.product;

import java.util.Optional;

import dev.meshmall.platform.ServiceApp;
import dev.meshmall.platform.ServiceContext;
import dev.meshmall.platform.Wiring;
import dev.meshmall.product.api.CategoriesResource;
import dev.meshmall.product.api.ProductGrpc;
import dev.meshmall.product.api.ProductsResource;
import dev.meshmall.product.biz.Catalog;
import dev.meshmall.product.biz.StockReservations;
import dev.meshmall.product.data.MeteredEvents;
import dev.meshmall.product.data.ProductRepository;
import dev.meshmall.product.data.ReservationRepository;

/** The product service: the catalog, its full-text search, and the stock reserved per order. */
public final class ProductApp implements ServiceApp {
    @Override
    public String name() {
        return "product";
    }

    @Override
    public Optional<String> schema() {
        return Optional.of("catalog");
    }

    @Override
    public Wiring wire(ServiceContext context) {
        Catalog catalog = new Catalog(new ProductRepository(context.db()));
        StockReservations stock = new StockReservations(new ReservationRepository(context.db()), new MeteredEvents());
        return Wiring.builder()
                .http(routing -> routing
                        .register(ProductsResource.PATH, new ProductsResource(catalog))
                        .register(CategoriesResource.PATH, new CategoriesResource(catalog)))
                .grpc(new ProductGrpc(catalog, stock))
                .build();
    }
}
