package dev.meshmall.checkout.biz;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Logger;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;
import dev.meshmall.platform.text.Ids;

/**
 * The checkout path, one recorded state at a time: read the cart, price it, place the order (stock reserved),
 * charge, mark the order paid, empty the cart. Each state is written before the call it leads to is sent and
 * after its answer, so the same steps run again from any recorded state: for the shopper's retry with the same
 * Idempotency-Key (with their token), and for the recovery job (without one), which then finishes what needs
 * no token and compensates the rest. Every downstream call is keyed by the checkout id, so sending one again is
 * harmless.
 */
public final class CheckoutFlow {
    public static final String IN_PROGRESS = "checkout_in_progress";
    public static final String EMPTY_CART = "empty_cart";
    public static final String INSUFFICIENT_STOCK = "insufficient_stock";
    public static final String PRICE_CHANGED = "price_changed";
    static final String REQUEST = "request";
    static final String RECOVERY = "recovery";
    private static final Logger LOG = Logger.getLogger(CheckoutFlow.class.getName());

    private final CheckoutStore store;
    private final Shop.Accounts accounts;
    private final Shop.Carts carts;
    private final Shop.Catalog catalog;
    private final Shop.Orders orders;
    private final Shop.Payments payments;
    private final CheckoutRules rules;
    private final CheckoutMetrics metrics;
    private final Supplier<Duration> staleAfter;

    public CheckoutFlow(CheckoutStore store, Shop.Accounts accounts, Shop.Carts carts, Shop.Catalog catalog,
                        Shop.Orders orders, Shop.Payments payments, CheckoutRules rules, CheckoutMetrics metrics,
                        Supplier<Duration> staleAfter) {
        this.store = store;
        this.accounts = accounts;
        this.carts = carts;
        this.catalog = catalog;
        this.orders = orders;
        this.payments = payments;
        this.rules = rules;
        this.metrics = metrics;
        this.staleAfter = staleAfter;
    }

    /** Buys the owner's cart; a retry with the same key answers the first result. */
    public Receipt checkout(UUID owner, CheckoutRequest raw) {
        CheckoutRequest request = refused(Kind.CHECKOUT, () -> rules.check(raw));
        String fingerprint = CheckoutRules.fingerprint(request);
        CheckoutStore.Started started = store.start(owner, request.idempotencyKey(), fingerprint, Kind.CHECKOUT,
                request.payment().isPresent(), Optional.empty());
        Checkout checkout = admit(started, fingerprint);
        return answer(drive(checkout, Optional.of(new Live.Buying(request)), REQUEST));
    }

    /** Pays one of the owner's orders that waits for payment; a retry with the same key answers the first result. */
    public Receipt pay(UUID owner, PayRequest raw) {
        PayRequest request = refused(Kind.PAY, () -> rules.check(raw));
        UUID orderId = Ids.require(request.orderId(), "order");
        String fingerprint = CheckoutRules.fingerprint(request);
        CheckoutStore.Started started = store.start(owner, request.idempotencyKey(), fingerprint, Kind.PAY, true,
                Optional.of(orderId));
        Checkout checkout = admit(started, fingerprint);
        return answer(drive(checkout, Optional.of(new Live.Paying(request)), REQUEST));
    }

    /** Recovery's turn on a checkout it claimed: finishes or compensates it as far as a system caller can. */
    Checkout recover(Checkout checkout) {
        return drive(checkout, Optional.empty(), RECOVERY);
    }

    /** The first request with a key goes on; a repeat gets its result, or waits its turn while it runs. */
    private Checkout admit(CheckoutStore.Started started, String fingerprint) {
        Checkout checkout = started.checkout();
        if (started.created()) {
            return checkout;
        }
        if (!checkout.requestHash().equals(fingerprint)) {
            throw new DomainError(ErrorKind.INVALID, "idempotency_key_reused",
                    "this Idempotency-Key was used for another request", Map.of("field", "idempotency_key"));
        }
        if (checkout.state().isFinal()) {
            return checkout;
        }
        if (store.claim(checkout.id(), staleAfter.get())) {
            LOG.info("checkout " + checkout.id() + " resumed from " + checkout.state() + " by a retry");
            return reread(checkout.id());
        }
        throw inProgress();
    }

    private Checkout drive(Checkout start, Optional<Live> live, String actor) {
        Checkout checkout = start;
        while (!checkout.state().isFinal()) {
            Optional<Move> move = next(checkout, live);
            if (move.isEmpty()) {
                return checkout;
            }
            Optional<Checkout> advanced = store.advance(checkout, move.get(), actor);
            if (advanced.isEmpty()) {
                Checkout moved = reread(checkout.id());
                if (moved.state().isFinal()) {
                    return moved;
                }
                throw inProgress();
            }
            checkout = advanced.get();
            if (checkout.state().isFinal()) {
                metrics.ended(checkout.kind(), outcome(checkout));
            }
        }
        return checkout;
    }

    /** The next step from where the checkout stands, run, and the move to record; empty: stop here for now. */
    private Optional<Move> next(Checkout c, Optional<Live> live) {
        return switch (c.state()) {
            case NEW -> Optional.of(live.map(l -> begin(c, l)).orElseGet(() -> Move.to(CheckoutState.ABANDONED)));
            // placed or not, recovery cannot ask order without the shopper's token: an order placed then is
            // cancelled by order's payment timeout, which releases its stock
            case PLACING -> Optional.of(live.map(l -> place(c)).orElseGet(() -> Move.to(CheckoutState.ABANDONED)));
            // without the shopper the charge cannot be sent again: payment answers whether it arrived, and if it
            // did not, spends its key so that it never will
            case CHARGING -> Optional.of(live.map(l -> charge(c, l.payment())).orElseGet(() -> abandonCharge(c)));
            case CHARGE_PENDING -> live.isPresent() ? Optional.empty() : Optional.of(settlePending(c));
            case CHARGED -> Optional.of(markPaid(c, live));
            case DECLINED -> Optional.of(declined(c));
            case COMPLETED, ABANDONED -> Optional.empty();
        };
    }

    /** Checks the request against the shopper's records and prices the cart, or the order to pay. */
    private Move begin(Checkout c, Live live) {
        try {
            return switch (live) {
                case Live.Buying buying -> price(buying.request());
                case Live.Paying paying -> payable(c, paying);
            };
        } catch (DomainError e) {
            store.discard(c.id(), CheckoutState.NEW);
            metrics.ended(c.kind(), CheckoutMetrics.Outcome.REFUSED);
            throw e;
        }
    }

    private Move price(CheckoutRequest request) {
        Address address = switch (request.address().orElseThrow()) {
            case AddressChoice.Saved saved -> accounts.address(saved.addressId());
            case AddressChoice.Typed typed -> typed.address();
        };
        request.payment().ifPresent(this::requireOwnCard);
        List<CartLine> lines = metrics.timed(Step.CART, carts::read);
        if (lines.isEmpty()) {
            throw new DomainError(ErrorKind.INVALID, EMPTY_CART, "the cart is empty");
        }
        List<String> ids = lines.stream().map(CartLine::productId).toList();
        Prices prices = metrics.timed(Step.PRICES, () -> catalog.prices(ids));
        if (!prices.missing().isEmpty()) {
            throw new DomainError(ErrorKind.CONFLICT, "product_unavailable",
                    "some products of the cart are no longer sold", Map.of("product_ids", prices.missing()));
        }
        List<PricedItem> items = new ArrayList<>();
        Set<String> currencies = new LinkedHashSet<>();
        for (CartLine line : lines) {
            Offer offer = prices.offers().get(line.productId());
            if (offer == null) {
                throw new DomainError(ErrorKind.CONFLICT, "product_unavailable",
                        "some products of the cart are no longer sold", Map.of("product_ids", List.of(line.productId())));
            }
            currencies.add(offer.price().currency());
            items.add(new PricedItem(line.productId(), offer.name(), line.quantity(), offer.price().amount()));
        }
        if (currencies.size() > 1) {
            throw new DomainError(ErrorKind.CONFLICT, "mixed_currencies",
                    "the cart holds prices in several currencies: " + currencies);
        }
        return Move.to(CheckoutState.PLACING)
                .withDraft(new Draft(items, currencies.iterator().next(), request.email(), address));
    }

    private Move payable(Checkout c, Live.Paying paying) {
        PlacedOrder order = orders.find(c.requireOrder().toString());
        if (order.status() != OrderStatus.PENDING_PAYMENT) {
            throw DomainError.conflict("order_not_payable", "the order is " + order.status() + ", not awaiting payment");
        }
        requireOwnCard(paying.payment());
        return Move.to(CheckoutState.CHARGING).withDraft(order.draft());
    }

    private void requireOwnCard(PaymentChoice choice) {
        if (choice instanceof PaymentChoice.SavedCard saved) {
            accounts.requireCard(saved.cardId());
        }
    }

    private Move place(Checkout c) {
        Placement placement;
        try {
            placement = metrics.timed(Step.PLACE, () -> orders.place(c.id(), c.requireDraft()));
        } catch (DomainError e) {
            // an order that refuses creates nothing; one that cannot be reached may have, so the state stays
            if (e.kind() != ErrorKind.UNAVAILABLE && e.kind() != ErrorKind.INTERNAL) {
                store.discard(c.id(), CheckoutState.PLACING);
                metrics.ended(c.kind(), CheckoutMetrics.Outcome.REFUSED);
            }
            throw e;
        }
        return switch (placement) {
            case Placement.Placed placed -> ordered(c).withOrder(placed.orderId());
            case Placement.Short refused -> {
                store.discard(c.id(), CheckoutState.PLACING);
                metrics.ended(c.kind(), CheckoutMetrics.Outcome.REFUSED);
                throw new DomainError(ErrorKind.CONFLICT, INSUFFICIENT_STOCK, "not enough stock for "
                        + refused.shortages().size() + " of the products; nothing was reserved",
                        Map.of("shortages", refused.shortages()));
            }
            case Placement.Repriced refused -> {
                store.discard(c.id(), CheckoutState.PLACING);
                metrics.ended(c.kind(), CheckoutMetrics.Outcome.REFUSED);
                throw priceChanged(refused.changes());
            }
        };
    }

    /** The products whose price changed, each with the price the checkout read and the catalog's now. */
    private static DomainError priceChanged(List<PriceChange> changes) {
        List<Map<String, Object>> shown = changes.stream().map(change -> {
            Map<String, Object> item = new java.util.LinkedHashMap<>();
            item.put("product_id", change.productId());
            change.expected().ifPresent(expected -> item.put("expected_unit_price", expected));
            item.put("unit_price", change.current());
            return item;
        }).toList();
        return new DomainError(ErrorKind.CONFLICT, PRICE_CHANGED, "the price of "
                + String.join(", ", changes.stream().map(PriceChange::productId).toList())
                + " changed since the cart was priced; nothing was reserved, check out again to buy at the new price",
                Map.of("price_changes", shown));
    }

    /** The order stands: the charge is recorded as about to be sent, or the order waits for a later payment. */
    private Move ordered(Checkout c) {
        if (c.paysNow()) {
            return Move.to(CheckoutState.CHARGING);
        }
        emptyCart(c);
        return Move.completed(OrderStatus.PENDING_PAYMENT);
    }

    private Move charge(Checkout c, PaymentChoice source) {
        ChargeResult result;
        try {
            result = metrics.timed(Step.CHARGE, () -> payments.charge(c.id(), c.requireOrder(), c.requireDraft().total(),
                    source));
        } catch (DomainError e) {
            if (e.kind() == ErrorKind.UNAVAILABLE || e.kind() == ErrorKind.INTERNAL) {
                throw e;
            }
            // refused before any money moved: the card is invalid or not the shopper's, or (a conflict) another
            // payment of the order is under way, which settles the order itself
            OrderStatus status = OrderStatus.PENDING_PAYMENT;
            if (c.kind() == Kind.CHECKOUT && e.kind() != ErrorKind.CONFLICT) {
                orders.cancelForFailedPayment(c.requireOrder());
                status = OrderStatus.CANCELLED;
            }
            return Move.completed(status).withFailure(new Checkout.Failure(e.kind().name(), e.code(), e.detail()));
        }
        return charged(result);
    }

    private Move abandonCharge(Checkout c) {
        return charged(payments.abandon(c.id(), c.owner(), c.requireOrder(), c.requireDraft().total()));
    }

    private static Move charged(ChargeResult result) {
        return switch (result.status()) {
            case SUCCEEDED -> Move.to(CheckoutState.CHARGED).withPayment(result);
            case PENDING -> Move.to(CheckoutState.CHARGE_PENDING).withPayment(result);
            case DECLINED, CANCELLED, REFUNDED -> Move.to(CheckoutState.DECLINED).withPayment(result);
        };
    }

    /** Recovery of a charge the processor had not decided: its decision now, or the payment voided. */
    private Move settlePending(Checkout c) {
        ChargeResult now = payments.find(c.requirePayment());
        if (now.status() == PaymentStatus.PENDING) {
            now = payments.cancel(c.requirePayment(), c.id());
        }
        return switch (now.status()) {
            case SUCCEEDED -> Move.to(CheckoutState.CHARGED).withPayment(now);
            case PENDING -> throw new DomainError(ErrorKind.UNAVAILABLE, "payment_pending",
                    "payment " + now.paymentId() + " is still pending after a cancel");
            case DECLINED, CANCELLED, REFUNDED -> Move.to(CheckoutState.DECLINED).withPayment(now);
        };
    }

    private Move markPaid(Checkout c, Optional<Live> live) {
        boolean paid = metrics.timed(Step.MARK_PAID, () -> orders.markPaid(c.requireOrder(), c.requirePayment()));
        if (!paid) {
            // the order was cancelled (its payment timeout) while the charge went through: the money goes back
            payments.refund(c.requirePayment(), c.requireOrder());
            return Move.completed(OrderStatus.CANCELLED).withPaymentStatus(PaymentStatus.REFUNDED)
                    .withFailure(new Checkout.Failure(ErrorKind.CONFLICT.name(), "order_cancelled",
                            "the order was cancelled before its payment was recorded; the payment is refunded"));
        }
        if (c.kind() == Kind.CHECKOUT) {
            if (live.isPresent()) {
                emptyCart(c);
            } else {
                LOG.info("checkout " + c.id() + " is paid; its cart keeps the items bought, as emptying it needs"
                        + " the shopper's token");
            }
        }
        return Move.completed(OrderStatus.PAID);
    }

    private Move declined(Checkout c) {
        if (c.kind() == Kind.PAY) {
            return Move.completed(OrderStatus.PENDING_PAYMENT);
        }
        orders.cancelForFailedPayment(c.requireOrder());
        return Move.completed(OrderStatus.CANCELLED);
    }

    private void emptyCart(Checkout c) {
        List<CartLine> bought = c.requireDraft().items().stream()
                .map(item -> new CartLine(item.productId(), item.quantity()))
                .toList();
        metrics.timed(Step.EMPTY, () -> {
            carts.remove(c.id(), bought);
            return bought.size();
        });
    }

    /** The result of a checkout as the API answers it; an error it ended with is thrown again. */
    private Receipt answer(Checkout c) {
        if (c.state() == CheckoutState.ABANDONED) {
            throw DomainError.conflict("checkout_abandoned",
                    "this checkout was interrupted and given up; check out again with a new Idempotency-Key");
        }
        c.failure().ifPresent(f -> {
            throw new DomainError(ErrorKind.valueOf(f.kind()), f.code(), f.detail(),
                    Map.of("order_id", c.requireOrder().toString()));
        });
        if (c.state() != CheckoutState.COMPLETED && c.state() != CheckoutState.CHARGE_PENDING) {
            throw inProgress();
        }
        Draft draft = c.requireDraft();
        OrderStatus status = c.orderStatus().orElse(OrderStatus.PENDING_PAYMENT);
        return new Receipt(c.requireOrder(), c.paymentId(), status, draft.total(), draft.items(), c.paymentStatus(),
                c.declineCode());
    }

    private CheckoutMetrics.Outcome outcome(Checkout c) {
        if (c.state() == CheckoutState.ABANDONED) {
            return CheckoutMetrics.Outcome.ABANDONED;
        }
        if (c.failure().isPresent()) {
            return CheckoutMetrics.Outcome.FAILED;
        }
        if (c.paymentStatus().filter(s -> s == PaymentStatus.DECLINED).isPresent()) {
            return CheckoutMetrics.Outcome.DECLINED;
        }
        return switch (c.orderStatus().orElse(OrderStatus.PENDING_PAYMENT)) {
            case PAID -> CheckoutMetrics.Outcome.PAID;
            case PENDING_PAYMENT -> CheckoutMetrics.Outcome.AWAITING_PAYMENT;
            case CANCELLED, REFUNDED -> CheckoutMetrics.Outcome.ABANDONED;
        };
    }

    private <T> T refused(Kind kind, Supplier<T> check) {
        try {
            return check.get();
        } catch (DomainError e) {
            metrics.ended(kind, CheckoutMetrics.Outcome.REFUSED);
            throw e;
        }
    }

    private Checkout reread(UUID id) {
        return store.find(id).orElseThrow(() -> inProgress());
    }

    private static DomainError inProgress() {
        return DomainError.conflict(IN_PROGRESS, "a request with this Idempotency-Key is still being processed;"
                + " retry later");
    }

    /** The request being served, which brings the shopper's token and card: absent when recovery drives. */
    private sealed interface Live {
        PaymentChoice payment();

        record Buying(CheckoutRequest request) implements Live {
            @Override
            public PaymentChoice payment() {
                return request.payment().orElseThrow();
            }
        }

        record Paying(PayRequest request) implements Live {
            @Override
            public PaymentChoice payment() {
                return request.payment().orElseThrow();
            }
        }
    }
}
