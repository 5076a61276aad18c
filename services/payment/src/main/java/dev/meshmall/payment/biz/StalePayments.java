package dev.meshmall.payment.biz;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The sweep: payments still PENDING after the pending timeout were left by a charge that never got its
 * answer recorded (a crash, a lost connection) and are cancelled. Every replica runs it; each batch takes its
 * payments with SKIP LOCKED, so two replicas never cancel the same one, and a charge still waiting for the
 * processor holds its row and is left alone.
 */
public final class StalePayments {
    public static final int BATCH = 100;
    private static final Logger LOG = Logger.getLogger(StalePayments.class.getName());

    private final PaymentStore payments;
    private final PaymentMetrics metrics;
    private final Supplier<Duration> pendingTimeout;

    /** {@code pendingTimeout} is read at every run, so a changed setting applies without a restart. */
    public StalePayments(PaymentStore payments, PaymentMetrics metrics, Supplier<Duration> pendingTimeout) {
        this.payments = payments;
        this.metrics = metrics;
        this.pendingTimeout = pendingTimeout;
    }

    /** One run: batch after batch while they come back full. Answers how many payments it cancelled. */
    public int cancelStale() {
        Duration timeout = pendingTimeout.get();
        int total = 0;
        List<UUID> cancelled;
        do {
            cancelled = payments.cancelStale(timeout, BATCH);
            metrics.swept(cancelled.size());
            total += cancelled.size();
        } while (cancelled.size() == BATCH);
        if (total > 0) {
            LOG.info("cancelled " + total + " payments pending for more than " + timeout);
        }
        return total;
    }
}
