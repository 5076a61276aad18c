package dev.meshmall.order.biz;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.meshmall.platform.error.DomainError;

/**
 * The auto-cancel job: orders still awaiting payment after the payment timeout are cancelled (reason TIMEOUT)
 * and their stock released. Every replica runs it; each batch locks its orders with SKIP LOCKED, so two
 * replicas never take the same order, and an order whose release fails stays for the next run.
 */
public final class OverdueOrders {
    public static final int BATCH = 50;
    private static final Logger LOG = Logger.getLogger(OverdueOrders.class.getName());

    private final OrderStore orders;
    private final Stock stock;
    private final OrderMetrics metrics;
    private final Supplier<Duration> paymentTimeout;

    /** {@code paymentTimeout} is read at every run, so a changed setting applies without a restart. */
    public OverdueOrders(OrderStore orders, Stock stock, OrderMetrics metrics, Supplier<Duration> paymentTimeout) {
        this.orders = orders;
        this.stock = stock;
        this.metrics = metrics;
        this.paymentTimeout = paymentTimeout;
    }

    /** One run: batch after batch while they come back full. Answers how many orders it cancelled. */
    public int cancelOverdue() {
        Duration timeout = paymentTimeout.get();
        int total = 0;
        List<UUID> cancelled;
        do {
            cancelled = orders.cancelOverdue(timeout, BATCH, this::released);
            cancelled.forEach(id -> metrics.cancelled(CancelReason.TIMEOUT));
            total += cancelled.size();
        } while (cancelled.size() == BATCH);
        if (total > 0) {
            LOG.info("cancelled " + total + " orders unpaid after " + timeout);
        }
        return total;
    }

    private boolean released(UUID orderId) {
        try {
            if (stock.release(orderId) == Release.RELEASED) {
                return true;
            }
            LOG.warning("order " + orderId + " is unpaid but its stock is sold; its payment is still to be recorded");
            return false;
        } catch (DomainError e) {
            LOG.log(Level.WARNING, "releasing the stock of order " + orderId + " failed (" + e.code()
                    + "); it stays for the next run");
            return false;
        }
    }
}
