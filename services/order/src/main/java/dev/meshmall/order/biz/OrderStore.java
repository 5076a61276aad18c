package dev.meshmall.order.biz;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.meshmall.platform.page.Page;
import dev.meshmall.platform.page.PageRequest;

/** Where orders live. Reads and changes take the acting user, so another user's order is never touched. */
public interface OrderStore {
    /**
     * Stores the order and its lines, not yet priced (being placed, shown to nobody), in one transaction; or finds
     * the one its owner placed with the same key.
     */
    Placed placeOrFind(NewOrder order);

    /**
     * Runs {@code work} with the owner's order being placed (or placed already) locked, in one transaction that
     * commits when {@code work} returns and rolls back when it throws; empty when the owner has no such order.
     */
    <T> Optional<T> withPlacement(UUID id, UUID owner, Function<PlacingOrder, T> work);

    /** A placed order; one still being placed is not found. */
    Optional<Order> find(UUID id, Actor actor);

    /** The owner's orders, newest first. */
    Page<Order> list(UUID owner, PageRequest page);

    Edit edit(UUID id, UUID owner, OrderChange change);

    /**
     * Runs {@code work} with the placed order's row locked, in one transaction that commits when {@code work}
     * returns and rolls back when it throws; empty when the actor has no such order.
     */
    <T> Optional<T> withLocked(UUID id, Actor actor, Function<LockedOrder, T> work);

    /**
     * In one transaction: locks up to {@code limit} orders still awaiting payment (or still being placed, left by
     * a crash) that were stored more than {@code age} ago and that no other transaction holds (another replica's
     * job skips them), keeps those {@code released} accepts, cancels them with reason TIMEOUT (removes those
     * never placed) and commits. Answers the cancelled ids.
     */
    List<UUID> cancelOverdue(Duration age, int limit, Predicate<UUID> released);

    /** Up to {@code limit} paid orders whose refund was asked for more than {@code age} ago, oldest first. */
    List<UUID> refundsDue(Duration age, int limit);
}
