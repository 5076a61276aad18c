package dev.meshmall.payment;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.meshmall.payment.api.PaymentGrpc;
import dev.meshmall.payment.api.PaymentsResource;
import dev.meshmall.payment.biz.CardVault;
import dev.meshmall.payment.biz.Fingerprints;
import dev.meshmall.payment.biz.PaymentMetrics;
import dev.meshmall.payment.biz.PaymentStore;
import dev.meshmall.payment.biz.Payments;
import dev.meshmall.payment.biz.StalePayments;
import dev.meshmall.payment.biz.VaultStore;
import dev.meshmall.payment.data.GrpcOrders;
import dev.meshmall.payment.data.MeteredEvents;
import dev.meshmall.payment.data.PaymentRepository;
import dev.meshmall.payment.data.SimulatedProcessor;
import dev.meshmall.payment.data.UserCards;
import dev.meshmall.payment.data.VaultRepository;
import dev.meshmall.platform.ServiceApp;
import dev.meshmall.platform.ServiceContext;
import dev.meshmall.platform.Wiring;
import dev.meshmall.platform.card.CardRules;
import dev.meshmall.platform.config.Settings;

import io.helidon.config.Config;

/**
 * The payment service: charges through a simulated processor, idempotent on their key, for the order's own total
 * as order answers it, cancels and refunds (for orders order has cancelled),
 * the card vault user saves cards through, and a sweep of the payments left pending.
 */
public final class PaymentApp implements ServiceApp {
    private static final Logger LOG = Logger.getLogger(PaymentApp.class.getName());

    private volatile StalePayments stalePayments;

    @Override
    public String name() {
        return "payment";
    }

    @Override
    public Optional<String> schema() {
        return Optional.of("payments");
    }

    @Override
    public Wiring wire(ServiceContext context) {
        Config config = context.config();
        PaymentStore store = new PaymentRepository(context.db());
        VaultStore vaultStore = new VaultRepository(context.db());
        PaymentMetrics metrics = new MeteredEvents();
        CardRules rules = new CardRules(Clock.systemUTC());
        Fingerprints fingerprints = new Fingerprints(config.get("payment.vault-key").asString().orElse(""));

        Payments payments = new Payments(store, new GrpcOrders(context.clients().channel("order")), vaultStore,
                new UserCards(context.clients().channel("user")),
                new SimulatedProcessor(Settings.duration(config, "payment.processing-delay", Duration.ZERO,
                        Duration.ZERO)), rules, metrics);
        CardVault vault = new CardVault(vaultStore, fingerprints, rules);
        StalePayments stale = new StalePayments(store, metrics,
                Settings.duration(config, "payment.pending-timeout", Duration.ofMinutes(2), Duration.ZERO));
        stalePayments = stale;
        ScheduledExecutorService sweep = sweep(config, stale);

        return Wiring.builder()
                .http(routing -> routing.register(PaymentsResource.PATH, new PaymentsResource(payments)))
                .grpc(new PaymentGrpc(payments, vault))
                .onStop(sweep::shutdownNow)
                .build();
    }

    /** The sweep of the running service; tests run it through this instead of waiting for it. */
    public StalePayments stalePayments() {
        return Optional.ofNullable(stalePayments)
                .orElseThrow(() -> new IllegalStateException("payment is not wired yet"));
    }

    private static ScheduledExecutorService sweep(Config config, StalePayments stale) {
        Duration every = Settings.duration(config, "payment.sweep-interval", Duration.ofSeconds(30),
                Duration.ofMillis(100)).get();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("payment-sweep").daemon().factory());
        scheduler.scheduleWithFixedDelay(() -> cancelStale(stale), every.toMillis(), every.toMillis(),
                TimeUnit.MILLISECONDS);
        return scheduler;
    }

    /** A failed run is logged and the next one tries again: an exception would end the schedule. */
    private static void cancelStale(StalePayments stale) {
        try {
            stale.cancelStale();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the sweep of stale payments failed; retrying at the next run", e);
        }
    }
}
