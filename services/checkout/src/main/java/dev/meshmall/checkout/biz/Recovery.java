package dev.meshmall.checkout.biz;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.meshmall.platform.error.DomainError;

/**
 * The recovery job: checkouts that have not moved for {@code checkout.stale-after} were left by a crash (or by a
 * downstream service that could not be reached). Each is claimed with SKIP LOCKED, so two replicas never take
 * the same one, and driven on as a system caller: a charged order is marked paid, a declined one cancelled, a
 * placed order whose charge was never sent is cancelled (its stock released) rather than charged, and a charge
 * sent without its answer recorded is settled by payment: paid if it arrived, its key spent if it did not.
 * Those it can only give up (stopped before the charge was made) it leaves for {@code checkout.abandon-after}, so
 * that the shopper's retry, which can complete them, comes first.
 */
public final class Recovery {
    public static final int BATCH = 20;
    private static final Logger LOG = Logger.getLogger(Recovery.class.getName());

    private final CheckoutStore store;
    private final CheckoutFlow flow;
    private final Supplier<Duration> staleAfter;
    private final Supplier<Duration> abandonAfter;

    public Recovery(CheckoutStore store, CheckoutFlow flow, Supplier<Duration> staleAfter,
                    Supplier<Duration> abandonAfter) {
        this.store = store;
        this.flow = flow;
        this.staleAfter = staleAfter;
        this.abandonAfter = abandonAfter;
    }

    /** One run: batch after batch while they come back full. Answers how many checkouts it brought to an end. */
    public int run() {
        Set<UUID> seen = new HashSet<>();
        int ended = 0;
        List<Checkout> batch;
        List<Checkout> fresh;
        do {
            batch = store.claimStale(staleAfter.get(), abandonAfter.get(), BATCH);
            // a checkout left for the shopper's retry is stale again at once when stale-after is zero
            fresh = batch.stream().filter(checkout -> seen.add(checkout.id())).toList();
            for (Checkout checkout : fresh) {
                if (recover(checkout)) {
                    ended++;
                }
            }
        } while (batch.size() == BATCH && !fresh.isEmpty());
        if (ended > 0) {
            LOG.info("recovery brought " + ended + " interrupted checkouts to an end");
        }
        return ended;
    }

    private boolean recover(Checkout checkout) {
        try {
            Checkout after = flow.recover(checkout);
            LOG.info("checkout " + checkout.id() + " recovered from " + checkout.state() + " to " + after.state());
            return after.state().isFinal();
        } catch (DomainError e) {
            LOG.log(Level.WARNING, "recovering checkout " + checkout.id() + " from " + checkout.state() + " failed ("
                    + e.code() + "); it is tried again when it goes stale");
            return false;
        } catch (RuntimeException e) {
            // one checkout that cannot be driven must not keep the others of the batch waiting
            LOG.log(Level.SEVERE, "recovering checkout " + checkout.id() + " from " + checkout.state() + " failed", e);
            return false;
        }
    }
}
