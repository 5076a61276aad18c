package dev.meshmall.order;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.meshmall.order.api.OrderGrpc;
import dev.meshmall.order.api.OrdersResource;
import dev.meshmall.order.biz.OrderBook;
import dev.meshmall.order.biz.OrderMetrics;
import dev.meshmall.order.biz.OrderPlacement;
import dev.meshmall.order.biz.OrderSettlement;
import dev.meshmall.order.biz.OrderStore;
import dev.meshmall.order.biz.OverdueOrders;
import dev.meshmall.order.biz.Stock;
import dev.meshmall.order.data.GrpcPayments;
import dev.meshmall.order.data.MeteredEvents;
import dev.meshmall.order.data.OrderRepository;
import dev.meshmall.order.data.ProductStock;
import dev.meshmall.platform.ServiceApp;
import dev.meshmall.platform.ServiceContext;
import dev.meshmall.platform.Wiring;
import dev.meshmall.platform.config.Settings;

import io.helidon.config.Config;

/**
 * The order service: orders placed with their stock reserved and their prices taken through product, read and
 * edited by their owners, paid (for a payment that payment confirms) or cancelled (refunded through payment when
 * paid), an auto-cancel job for the ones left unpaid and a refund retry job for cancels whose refund failed.
 */
public final class OrderApp implements ServiceApp {
    private static final Logger LOG = Logger.getLogger(OrderApp.class.getName());

    private volatile OverdueOrders overdueOrders;
    private volatile IntSupplier refundRetries;

    @Override
    public String name() {
        return "order";
    }

    @Override
    public Optional<String> schema() {
        return Optional.of("orders");
    }

    @Override
    public Wiring wire(ServiceContext context) {
        Config config = context.config();
        OrderStore orders = new OrderRepository(context.db());
        Stock stock = new ProductStock(context.clients().channel("product"));
        OrderMetrics metrics = new MeteredEvents();

        OrderPlacement placement = new OrderPlacement(orders, stock, metrics);
        OrderBook book = new OrderBook(orders);
        OrderSettlement settlement = new OrderSettlement(orders, stock,
                new GrpcPayments(context.clients().channel("payment")), metrics);
        Supplier<Duration> refundRetryAfter = Settings.duration(config, "order.refund-retry-after", Duration.ofMinutes(1),
                Duration.ZERO);
        OverdueOrders overdue = new OverdueOrders(orders, stock, metrics,
                Settings.duration(config, "order.payment-timeout", Duration.ofMinutes(15), Duration.ZERO));
        overdueOrders = overdue;
        refundRetries = () -> settlement.retryRefunds(refundRetryAfter.get());
        ScheduledExecutorService jobs = jobs(config, overdue, refundRetries);

        return Wiring.builder()
                .http(routing -> routing.register(OrdersResource.PATH, new OrdersResource(book, settlement)))
                .grpc(new OrderGrpc(placement, book, settlement))
                .onStop(jobs::shutdownNow)
                .build();
    }

    /** The auto-cancel job of the running service; tests run it through this instead of waiting for it. */
    public OverdueOrders overdueOrders() {
        return Optional.ofNullable(overdueOrders).orElseThrow(() -> new IllegalStateException("order is not wired yet"));
    }

    /** The refund retry job of the running service: one run, answering how many orders it refunded. */
    public int retryRefunds() {
        return Optional.ofNullable(refundRetries).orElseThrow(() -> new IllegalStateException("order is not wired yet"))
                .getAsInt();
    }

    /** The auto-cancel and refund retry jobs, one after the other on one thread, every auto-cancel interval. */
    private static ScheduledExecutorService jobs(Config config, OverdueOrders overdue, IntSupplier refundRetries) {
        Duration every = Settings.duration(config, "order.auto-cancel-interval", Duration.ofSeconds(30),
                Duration.ofMillis(100)).get();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("order-jobs").daemon().factory());
        scheduler.scheduleWithFixedDelay(() -> {
            run("auto-cancel", overdue::cancelOverdue);
            run("refund retry", refundRetries);
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return scheduler;
    }

    /** A failed run is logged and the next one tries again: an exception would end the schedule. */
    private static void run(String job, IntSupplier run) {
        try {
            run.getAsInt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the " + job + " run failed; retrying at the next run", e);
        }
    }
}
