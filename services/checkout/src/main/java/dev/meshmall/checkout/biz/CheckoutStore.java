package dev.meshmall.checkout.biz;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The checkout rows. */
public interface CheckoutStore {
    /** Records a new checkout, or answers the one the same owner already started with the same key. */
    Started start(UUID owner, String idempotencyKey, String requestHash, Kind kind, boolean paysNow,
                  Optional<UUID> orderId);

    Optional<Checkout> find(UUID id);

    /**
     * Records a move of {@code current} from its state and answers the checkout as moved; empty if it is no
     * longer in that state (another worker moved it). The draft answered is the move's, else {@code current}'s:
     * only a move writes one.
     */
    Optional<Checkout> advance(Checkout current, Move move, String actor);

    /** Removes a checkout refused before it placed anything, if it is still in {@code state}. */
    void discard(UUID id, CheckoutState state);

    /** Takes over an unfinished checkout that has not moved for {@code staleAfter}; false if it is not so. */
    boolean claim(UUID id, Duration staleAfter);

    /**
     * Takes over up to {@code limit} unfinished checkouts that have not moved for {@code staleAfter}, or for
     * {@code abandonAfter} if longer when they stopped before their charge was made.
     */
    List<Checkout> claimStale(Duration staleAfter, Duration abandonAfter, int limit);

    record Started(Checkout checkout, boolean created) {
    }
}
