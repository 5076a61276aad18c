package dev.meshmall.cart;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

import dev.meshmall.cart.api.CartGrpc;
import dev.meshmall.cart.api.CartResource;
import dev.meshmall.cart.biz.Carts;
import dev.meshmall.cart.data.CartRepository;
import dev.meshmall.cart.data.MeteredEvents;
import dev.meshmall.cart.data.ProductCatalog;
import dev.meshmall.platform.ServiceApp;
import dev.meshmall.platform.ServiceContext;
import dev.meshmall.platform.Wiring;

import io.helidon.config.Config;

/** The cart service: each shopper's cart, priced from the product service. */
public final class CartApp implements ServiceApp {
    private static final Logger LOG = Logger.getLogger(CartApp.class.getName());
    private static final Duration DEFAULT_KEY_RETENTION = Duration.ofDays(7);

    @Override
    public String name() {
        return "cart";
    }

    @Override
    public Optional<String> schema() {
        return Optional.of("cart");
    }

    @Override
    public Wiring wire(ServiceContext context) {
        CartRepository store = new CartRepository(context.db(), keyRetention(context.config()));
        Carts carts = new Carts(store, new ProductCatalog(context.clients().channel("product")), new MeteredEvents());
        return Wiring.builder()
                .http(routing -> routing.register(CartResource.PATH, new CartResource(carts)))
                .grpc(new CartGrpc(carts))
                .build();
    }

    /** Read whenever a key is recorded, so a changed config file applies without a restart. */
    private static Supplier<Duration> keyRetention(Config config) {
        Supplier<String> iso = config.get("cart.idempotency-key-retention").asString()
                .supplier(DEFAULT_KEY_RETENTION.toString());
        return () -> {
            try {
                Duration retention = Duration.parse(iso.get());
                return retention.isNegative() ? DEFAULT_KEY_RETENTION : retention;
            } catch (DateTimeParseException e) {
                LOG.warning("cart.idempotency-key-retention is not an ISO-8601 duration (like P7D): " + iso.get());
                return DEFAULT_KEY_RETENTION;
            }
        };
    }
}
