package dev.meshmall.payment.biz;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.meshmall.platform.card.CardNumber;
import dev.meshmall.platform.card.CardRules;
import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;
import dev.meshmall.platform.text.Ids;

/**
 * Charges, and what follows them: cancel (a pending payment), refund (a succeeded one). A charge is recorded
 * PENDING and committed before the processor is asked, then moved to its answer with the row locked, so a
 * crash in between leaves a PENDING payment for the sweep, and a repeat of the key never charges again.
 * The money facts come from order, never from the caller: a charge is for the caller's own order, awaiting
 * payment, in its total; a refund is for an order that order has cancelled.
 */
public final class Payments {
    public static final String WHAT = "payment";
    public static final String NOT_PAYABLE = "order_not_payable";
    public static final String AMOUNT_MISMATCH = "amount_mismatch";
    public static final String NOT_CANCELLED = "order_not_cancelled";
    private static final int MAX_KEY_LENGTH = 200;
    /** How long a repeat that finds the payment not yet answered keeps looking (see {@link #settled}). */
    private static final long SETTLE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long SETTLE_PAUSE_MILLIS = 25;
    private static final String CARD = "card.";

    private final PaymentStore payments;
    private final Orders orders;
    private final VaultStore vault;
    private final SavedCards savedCards;
    private final Processor processor;
    private final CardRules rules;
    private final PaymentMetrics metrics;

    public Payments(PaymentStore payments, Orders orders, VaultStore vault, SavedCards savedCards, Processor processor,
                    CardRules rules, PaymentMetrics metrics) {
        this.payments = payments;
        this.orders = orders;
        this.vault = vault;
        this.savedCards = savedCards;
        this.processor = processor;
        this.rules = rules;
        this.metrics = metrics;
    }

    /**
     * Charges {@code me}'s card for their order, its total as order answers it; a repeat of the key answers the
     * payment first made (order is not asked again: the order may be paid by it meanwhile).
     */
    public Payment charge(UUID me, ChargeRequest request) {
        String key = key(request.idempotencyKey());
        UUID orderId = Ids.field(request.orderId(), "order_id");
        Optional<Money> expected = request.expectedAmount().map(m -> Money.toCharge(m.amount(), m.currency()));
        Optional<Payment> earlier = payments.findByKey(me, key);
        if (earlier.isPresent()) {
            return repeat(me, key, earlier.get(), orderId, expected);
        }
        ChargeableCard card = chargeable(me, request.source());
        Money amount = due(orders.callersOrder(orderId), expected);
        Optional<UUID> opened = payments.open(new NewPayment(me, key, orderId, amount, card));
        if (opened.isEmpty()) {
            Payment winner = payments.findByKey(me, key).orElseThrow(() -> DomainError.conflict("order_has_payment",
                    "the order already has a payment in progress or taken"));
            return repeat(me, key, winner, orderId, Optional.of(amount));
        }
        Change answered = payments.withLocked(opened.get(), Actor.system(), locked -> answer(locked, card, amount))
                .orElseThrow(() -> new IllegalStateException("payment " + opened.get() + " vanished"));
        if (answered.now()) {
            metrics.charged(answered.outcome().orElseThrow());
        }
        return answered.payment();
    }

    /**
     * For a charge whose sender gave up on its answer: the payment made with the user's key, or, if the charge
     * never arrived, a CANCELLED payment recorded under the key so that it never charges. Other services only.
     */
    public Payment abandon(Actor actor, String userId, String idempotencyKey, String orderId, long amount,
                           String currency) {
        if (!(actor instanceof Actor.System)) {
            throw DomainError.forbidden("only the shop's own services abandon a charge");
        }
        UUID owner = Ids.field(userId, "user_id");
        String key = key(idempotencyKey);
        UUID order = Ids.field(orderId, "order_id");
        Money total = Money.toCharge(amount, currency);
        Optional<Payment> earlier = payments.findByKey(owner, key);
        if (earlier.isEmpty() && payments.abandon(owner, key, order, total).isPresent()) {
            metrics.cancelled();
        }
        Payment payment = earlier.or(() -> payments.findByKey(owner, key))
                .orElseThrow(() -> new IllegalStateException("the payment of key " + key + " vanished"));
        return repeat(owner, key, payment, order, Optional.of(total));
    }

    public Payment get(Actor actor, String paymentId) {
        return payments.find(Ids.require(paymentId, WHAT), actor).orElseThrow(() -> DomainError.notFound(WHAT));
    }

    /** PENDING becomes CANCELLED; a cancelled or declined payment is answered as it is. */
    public Payment cancel(Actor actor, String paymentId) {
        UUID id = Ids.require(paymentId, WHAT);
        Change done = payments.withLocked(id, actor, locked -> {
            Payment payment = locked.payment();
            return switch (payment.status()) {
                case PENDING -> Change.made(locked.move(PaymentStatus.CANCELLED, "", "cancel", Optional.empty()));
                case CANCELLED, DECLINED -> Change.none(payment);
                case SUCCEEDED -> throw DomainError.conflict("payment_succeeded",
                        "the payment succeeded: refund it instead");
                case REFUNDED -> throw DomainError.conflict("payment_refunded", "the payment was refunded");
            };
        }).orElseThrow(() -> DomainError.notFound(WHAT));
        if (done.now()) {
            metrics.cancelled();
        }
        return done.payment();
    }

    /**
     * SUCCEEDED becomes REFUNDED, in full, once, and only for an order that order has cancelled; a refunded
     * payment is answered as it is.
     */
    public Payment refund(Actor actor, String paymentId, String idempotencyKey) {
        UUID id = Ids.require(paymentId, WHAT);
        String key = key(idempotencyKey);
        Change done = payments.withLocked(id, actor, locked -> {
            Payment payment = locked.payment();
            return switch (payment.status()) {
                case SUCCEEDED -> {
                    requireCancelled(orders.anyOrder(payment.orderId()), payment);
                    yield Change.made(locked.move(PaymentStatus.REFUNDED, "", "refund", Optional.of(key)));
                }
                case REFUNDED -> Change.none(payment);
                case PENDING, DECLINED, CANCELLED -> throw DomainError.conflict("payment_not_succeeded",
                        "the payment is " + payment.status() + ": only a succeeded payment is refunded");
            };
        }).orElseThrow(() -> DomainError.notFound(WHAT));
        if (done.now()) {
            metrics.refunded();
        }
        return done.payment();
    }

    /**
     * What a charge for the order takes: the order's own total, while it awaits payment, and only if the caller
     * expects that much (or said no amount).
     */
    static Money due(Order order, Optional<Money> expected) {
        if (order.state() != OrderState.PENDING_PAYMENT) {
            throw DomainError.conflict(NOT_PAYABLE, "the order is " + order.state() + ", not awaiting payment;"
                    + " nothing was charged");
        }
        Money total = Money.toCharge(order.total().amount(), order.total().currency());
        if (expected.isPresent() && !expected.get().equals(total)) {
            throw DomainError.conflict(AMOUNT_MISMATCH, "the order's total is " + total.amount() + " "
                    + total.currency() + ", not " + expected.get().amount() + " " + expected.get().currency()
                    + "; nothing was charged");
        }
        return total;
    }

    /**
     * A payment is refunded only for an order that order has cancelled: cancelled before it was paid (the charge
     * came too late), or paid by this very payment and then cancelled by its owner (its refund requested).
     */
    static void requireCancelled(Order order, Payment payment) {
        boolean paidByIt = order.paymentId().filter(payment.id()::equals).isPresent();
        boolean cancelled = switch (order.state()) {
            case CANCELLED -> true;
            case PAID, REFUNDED -> paidByIt && order.refundRequested();
            case PENDING_PAYMENT -> false;
        };
        if (!cancelled) {
            throw DomainError.conflict(NOT_CANCELLED, "the payment's order is " + order.state()
                    + (order.state() == OrderState.PAID ? " and its owner did not cancel it" : "")
                    + "; only a cancelled order is refunded");
        }
    }

    /** The processor's answer, unless the payment was cancelled between its recording and now. */
    private Change answer(LockedPayment locked, ChargeableCard card, Money amount) {
        if (locked.payment().status() != PaymentStatus.PENDING) {
            return Change.none(locked.payment());
        }
        Outcome outcome = processor.charge(card, amount);
        return new Change(locked.move(outcome.status(), outcome.declineCode(), "processor", Optional.empty()), true,
                Optional.of(outcome));
    }

    /** The payment first made with the key, if the repeat is for the same order (and amount, if it says one). */
    private Payment repeat(UUID me, String key, Payment first, UUID orderId, Optional<Money> amount) {
        if (!first.orderId().equals(orderId) || amount.filter(a -> !a.equals(first.amount())).isPresent()) {
            throw DomainError.conflict("idempotency_key_reused",
                    "the idempotency key was used for another order or amount");
        }
        return settled(me, key, first);
    }

    /**
     * The charge that made the payment holds its row while the processor answers, and the read by key waits
     * for that lock; only between the commit of PENDING and the taking of the lock can a repeat see PENDING,
     * so it looks again for a short while. A payment still PENDING after that was left by a crash (the sweep
     * will cancel it), and is answered as it is.
     */
    private Payment settled(UUID me, String key, Payment payment) {
        Payment current = payment;
        long start = System.nanoTime();
        while (current.status() == PaymentStatus.PENDING && System.nanoTime() - start < SETTLE_WAIT_NANOS) {
            try {
                Thread.sleep(SETTLE_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return current;
            }
            current = payments.findByKey(me, key).orElse(current);
        }
        return current;
    }

    private ChargeableCard chargeable(UUID me, CardSource source) {
        return switch (source) {
            case CardSource.Typed typed -> typed(typed.card());
            case CardSource.Saved saved -> saved(me, saved.cardId());
            case CardSource.Missing missing -> throw DomainError.invalid("source", "card_id or card is required");
        };
    }

    private ChargeableCard typed(CardDetails card) {
        CardNumber number = CardNumber.parse(CARD + "number", card.number());
        rules.checkExpiry(CARD, card.expMonth(), card.expYear());
        rules.checkCvv(CARD, card.cvv());
        return new ChargeableCard(number.brand(), number.last4(), Outcome.forNumber(number), Optional.empty());
    }

    /** Through user, with the caller's token (NOT_FOUND for another user's card), then the caller's vault. */
    private ChargeableCard saved(UUID me, String cardId) {
        if (cardId.isBlank()) {
            throw DomainError.invalid("card_id", "card_id is required");
        }
        SavedCard saved = savedCards.find(cardId);
        VaultedCard card = vault.find(me, saved.token()).orElseThrow(() -> DomainError.notFound("card"));
        rules.checkExpiry("saved_card.", saved.expMonth(), saved.expYear());
        return new ChargeableCard(card.brand(), card.last4(), card.outcome(), Optional.of(card.token()));
    }

    private static String key(String raw) {
        if (raw == null || raw.isBlank()) {
            throw DomainError.invalid("idempotency_key", "idempotency_key is required");
        }
        if (raw.length() > MAX_KEY_LENGTH) {
            throw new DomainError(ErrorKind.INVALID, "invalid_field",
                    "idempotency_key is at most " + MAX_KEY_LENGTH + " characters",
                    Map.of("field", "idempotency_key"));
        }
        return raw;
    }

    /** A payment after a use case, and whether this call changed it (counted once committed). */
    private record Change(Payment payment, boolean now, Optional<Outcome> outcome) {
        static Change made(Payment payment) {
            return new Change(payment, true, Optional.empty());
        }

        static Change none(Payment payment) {
            return new Change(payment, false, Optional.empty());
        }
    }
}
