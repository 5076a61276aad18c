package dev.meshmall.payment.biz;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** Where payments and their ledger live. Every change of status writes its ledger row with it. */
public interface PaymentStore {
    /**
     * Records the payment as PENDING and commits; empty when the owner already has a payment with this key,
     * or the order already has a PENDING or SUCCEEDED payment (nothing is recorded then).
     */
    Optional<UUID> open(NewPayment payment);

    /**
     * Records a CANCELLED payment under the owner's key, so a charge with it arriving later charges nothing;
     * empty when the key already has a payment.
     */
    Optional<UUID> abandon(UUID owner, String idempotencyKey, UUID orderId, Money amount);

    /** The owner's payment made with this key, once the charge that made it has its answer. */
    Optional<Payment> findByKey(UUID owner, String idempotencyKey);

    Optional<Payment> find(UUID id, Actor actor);

    /**
     * Runs {@code work} with the payment's row locked, in one transaction that commits when {@code work}
     * returns and rolls back when it throws; empty when the actor has no such payment.
     */
    <T> Optional<T> withLocked(UUID id, Actor actor, Function<LockedPayment, T> work);

    /**
     * In one statement: cancels up to {@code limit} payments PENDING for more than {@code age} that no other
     * transaction holds, and records it in the ledger. Answers their ids.
     */
    List<UUID> cancelStale(Duration age, int limit);
}
