package dev.meshmall.order;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * paid), and an auto-cancel job for the ones left unpaid.
 */
public final class OrderApp implements ServiceApp {
    private static final Logger LOG = Logger.getLogger(OrderApp.class.getName());

    private volatile OverdueOrders overdueOrders;

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
        OverdueOrders overdue = new OverdueOrders(orders, stock, metrics,
                Settings.duration(config, "order.payment-timeout", Duration.ofMinutes(15), Duration.ZERO));
        overdueOrders = overdue;
        ScheduledExecutorService autoCancel = autoCancel(config, overdue);

        return Wiring.builder()
                .http(routing -> routing.register(OrdersResource.PATH, new OrdersResource(book, settlement)))
                .grpc(new OrderGrpc(placement, book, settlement))
                .onStop(autoCancel::shutdownNow)
                .build();
    }

    /** The auto-cancel job of the running service; tests run it through this instead of waiting for it. */
    public OverdueOrders overdueOrders() {
        return Optional.ofNullable(overdueOrders).orElseThrow(() -> new IllegalStateException("order is not wired yet"));
    }

    private static ScheduledExecutorService autoCancel(Config config, OverdueOrders overdue) {
        Duration every = Settings.duration(config, "order.auto-cancel-interval", Duration.ofSeconds(30),
                Duration.ofMillis(100)).get();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("order-auto-cancel").daemon().factory());
        scheduler.scheduleWithFixedDelay(() -> cancelOverdue(overdue), every.toMillis(), every.toMillis(),
                TimeUnit.MILLISECONDS);
        return scheduler;
    }

    /** A failed run is logged and the next one tries again: an exception would end the schedule. */
    private static void cancelOverdue(OverdueOrders overdue) {
        try {
            overdue.cancelOverdue();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the auto-cancel run failed; retrying at the next run", e);
        }
    }
}
