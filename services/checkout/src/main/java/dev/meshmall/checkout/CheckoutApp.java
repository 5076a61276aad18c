package dev.meshmall.checkout;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.meshmall.checkout.api.CheckoutGrpc;
import dev.meshmall.checkout.api.CheckoutResource;
import dev.meshmall.checkout.api.PayResource;
import dev.meshmall.checkout.biz.CheckoutFlow;
import dev.meshmall.checkout.biz.CheckoutRules;
import dev.meshmall.checkout.biz.CheckoutStore;
import dev.meshmall.checkout.biz.Recovery;
import dev.meshmall.checkout.data.CheckoutRepository;
import dev.meshmall.checkout.data.GrpcAccounts;
import dev.meshmall.checkout.data.GrpcCarts;
import dev.meshmall.checkout.data.GrpcCatalog;
import dev.meshmall.checkout.data.GrpcOrders;
import dev.meshmall.checkout.data.GrpcPayments;
import dev.meshmall.checkout.data.MeteredEvents;
import dev.meshmall.platform.ServiceApp;
import dev.meshmall.platform.ServiceContext;
import dev.meshmall.platform.Wiring;
import dev.meshmall.platform.config.Settings;
import dev.meshmall.platform.grpc.GrpcClients;

import io.helidon.config.Config;

/**
 * The checkout service: the cart bought through user, cart, product, order and payment, one recorded step at a
 * time, and the recovery job that finishes or compensates the checkouts a crash left half-way.
 */
public final class CheckoutApp implements ServiceApp {
    private static final Logger LOG = Logger.getLogger(CheckoutApp.class.getName());

    @Override
    public String name() {
        return "checkout";
    }

    @Override
    public Optional<String> schema() {
        return Optional.of("checkout");
    }

    @Override
    public Wiring wire(ServiceContext context) {
        Config config = context.config();
        GrpcClients clients = context.clients();
        CheckoutStore store = new CheckoutRepository(context.db());
        Supplier<Duration> staleAfter = Settings.duration(config, "checkout.stale-after", Duration.ofSeconds(30),
                Duration.ZERO);
        CheckoutFlow flow = new CheckoutFlow(store, new GrpcAccounts(clients.channel("user")),
                new GrpcCarts(clients.channel("cart")), new GrpcCatalog(clients.channel("product")),
                new GrpcOrders(clients.channel("order")), new GrpcPayments(clients.channel("payment")),
                new CheckoutRules(Clock.systemUTC()), new MeteredEvents(), staleAfter);
        Supplier<Duration> abandonAfter = Settings.duration(config, "checkout.abandon-after", Duration.ofMinutes(2),
                Duration.ZERO);
        ScheduledExecutorService scheduler = schedule(config, new Recovery(store, flow, staleAfter, abandonAfter));

        return Wiring.builder()
                .http(routing -> routing
                        .register(CheckoutResource.PATH, new CheckoutResource(flow))
                        .register(PayResource.PATH, new PayResource(flow)))
                .grpc(new CheckoutGrpc(flow))
                .onStop(scheduler::shutdownNow)
                .build();
    }

    /** Runs at start (a replica that crashed picks up after itself), then every {@code checkout.recovery-interval}. */
    private static ScheduledExecutorService schedule(Config config, Recovery job) {
        Duration every = Settings.duration(config, "checkout.recovery-interval", Duration.ofSeconds(10),
                Duration.ofMillis(100)).get();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("checkout-recovery").daemon().factory());
        scheduler.scheduleWithFixedDelay(() -> recover(job), 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return scheduler;
    }

    /** A failed run is logged and the next one tries again: an exception would end the schedule. */
    private static void recover(Recovery job) {
        try {
            job.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the recovery run failed; retrying at the next run", e);
        }
    }
}
