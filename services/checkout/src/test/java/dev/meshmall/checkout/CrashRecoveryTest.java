package dev.meshmall.checkout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import dev.meshmall.checkout.CheckoutStack.Item;
import dev.meshmall.checkout.CheckoutStack.Shopper;
import dev.meshmall.proto.common.v1.Address;
import dev.meshmall.proto.common.v1.Money;
import dev.meshmall.proto.checkout.v1.CheckoutRequest;
import dev.meshmall.proto.payment.v1.CardDetails;
import dev.meshmall.proto.payment.v1.ChargeRequest;
import dev.meshmall.proto.payment.v1.Payment;
import dev.meshmall.proto.payment.v1.PaymentStatus;
import dev.meshmall.testing.Concurrently;
import dev.meshmall.testing.Reply;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.meshmall.checkout.CheckoutStack.DECLINED_CARD;
import static dev.meshmall.checkout.CheckoutStack.GOOD_CARD;
import static dev.meshmall.checkout.CheckoutStack.body;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Checkout killed with SIGKILL at each state it records, then started again over the same database, where its
 * recovery job finishes or compensates what the dead one left: PAID with exactly one charge, or CANCELLED (or
 * never ordered) with no charge and the stock back, and the shopper's Idempotency-Key answering that outcome.
 * After every case the invariants hold across all schemas.
 *
 * <p>Checkout runs as a JVM of its own ({@link CheckoutProcess}), started and configured as the devstack starts
 * it; the services it calls run in the test JVM as in the other tests, over the same embedded PostgreSQL. It
 * reaches cart, order and payment through a {@link CallRelay} each. To kill it at a state, the test tells the
 * relay of the peer it calls next to hold that call (or to let the call through and hold its answer), sends
 * the checkout, waits until checkout's row shows the state and the relay holds the call, and kills the JVM.
 * Checkout records a state before the call it leads to, so at that moment the dead checkout stands exactly
 * there, with that call in flight and never answered:
 * <ul>
 *     <li>NEW: cart's GetCart held, so nothing is priced or ordered;</li>
 *     <li>PLACING: order's PlaceOrder held, so no order is placed;</li>
 *     <li>CHARGING: payment's Charge held, so nothing is charged; or Charge passed and its answer held, so the
 *     card is charged and checkout never learns it;</li>
 *     <li>CHARGED and DECLINED: order's next call held (MarkOrderPaid or CancelOrder; PlaceOrder passes).</li>
 * </ul>
 * CHARGE_PENDING is not among them: checkout calls nothing after recording it (the shopper is answered and
 * recovery settles it later), and payment's simulated processor answers a first charge at once, never PENDING.
 */
class CrashRecoveryTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** A checkout about to be killed: neither its recovery job nor a retry takes over a checkout in flight. */
    private static final Map<String, String> DOOMED = Map.of(
            "checkout.stale-after", "PT1H",
            "checkout.abandon-after", "PT1H",
            "checkout.recovery-interval", "PT1H");
    /** A restarted checkout: whatever the dead one left is stale at once, and recovery runs five times a second. */
    private static final Map<String, String> RESTARTED = Map.of(
            "checkout.stale-after", "PT0S",
            "checkout.abandon-after", "PT0S",
            "checkout.recovery-interval", "PT0.2S");
    private static final List<Item> products = new ArrayList<>();
    private static CheckoutStack stack;
    private static CallRelay cart;
    private static CallRelay order;
    private static CallRelay payment;
    private final List<CheckoutProcess> checkouts = new ArrayList<>();

    @BeforeAll
    static void start() {
        stack = CheckoutStack.withoutCheckout();
        cart = CallRelay.to(stack.cart.grpcPort());
        order = CallRelay.to(stack.order.grpcPort());
        payment = CallRelay.to(stack.payment.grpcPort());
    }

    @AfterEach
    void stopCheckouts() {
        checkouts.forEach(CheckoutProcess::close);
        passAll();
    }

    @AfterAll
    static void stop() {
        assertThat(stack.brokenInvariants(products), is(empty()));
        List.of(cart, order, payment).forEach(CallRelay::close);
        stack.close();
    }

    @Test
    void killedWhileReadingTheCartNothingIsOrdered() {
        Case c = newCase(GOOD_CARD);
        cart.holdCallsAfter(0);
        killAt(c, "NEW", () -> cart.heldCalls() == 1);

        restart();
        assertThat(ended(c), is("ABANDONED"));
        assertNothingOrdered(c);
        assertAbandonedOnReplay(c);
    }

    @Test
    void killedAsTheOrderIsPlacedNothingIsOrdered() {
        Case c = newCase(GOOD_CARD);
        order.holdCallsAfter(0);
        killAt(c, "PLACING", () -> order.heldCalls() == 1);

        restart();
        assertThat(ended(c), is("ABANDONED"));
        assertNothingOrdered(c);
        assertAbandonedOnReplay(c);
    }

    /**
     * The placement never reached order, and the price changed before the shopper's retry took the checkout
     * over: order prices from the catalog, so the retry is told the new price (409 price_changed) and nothing is
     * ordered or charged; the cart stays, and the next retry buys at the new price. Recovery, which would abandon
     * the checkout, is kept out of the way (it runs at start, before the checkout is stale, then not for an hour).
     */
    @Test
    void killedAsTheOrderIsPlacedAndThePriceChangedTheRetryIsToldTheNewPrice() {
        Case c = newCase(GOOD_CARD);
        order.holdCallsAfter(0);
        killAt(c, "PLACING", () -> order.heldCalls() == 1);
        stack.reprice(c.item, 1800);

        checkout(DOOMED);
        // the shopper retries once the checkout is stale, before any recovery run has taken it
        stack.count("UPDATE checkout.checkouts SET updated_at = now() - interval '2 hours' WHERE user_id = CAST(? AS uuid)",
                c.shopper.id());
        Reply told = stack.checkout(c.shopper, c.key, c.body);
        assertThat(told.body(), told.status(), is(409));
        assertThat(told.code(), is("price_changed"));
        var change = told.json().get("price_changes").get(0);
        assertThat(change.get("product_id").asText(), is(c.item.id()));
        assertThat(change.get("expected_unit_price").get("amount").asLong(), is(1500L));
        assertThat(change.get("unit_price").get("amount").asLong(), is(1800L));
        assertNothingOrdered(c);

        Reply bought = stack.checkout(c.shopper, c.key, c.body);
        assertThat(bought.body(), bought.status(), is(201));
        assertThat(bought.json().get("status").asText(), is("PAID"));
        assertThat(bought.json().get("total").get("amount").asLong(), is(3600L));
        assertThat(charges(c, "SUCCEEDED"), is(1L));
        assertThat(stack.stockOf(c.item), is(c.item.initialStock() - 2));
    }

    /**
     * The order is placed and the charge never reaches payment. Until the checkout is stale, the shopper's retry
     * is told it is still running (409 and gRPC ABORTED) and charges nothing. Then recovery asks payment, which
     * has no payment under the key and spends it, so the order is cancelled with its stock back, and the charge
     * arriving late after all (the lost call sent again) takes no money.
     */
    @Test
    void killedAsTheChargeIsSentNoMoneyMovesNeitherByARetryNorByALateCharge() {
        Case c = newCase(GOOD_CARD);
        payment.holdCallsAfter(0);
        killAt(c, "CHARGING", () -> payment.heldCalls() == 1);

        CheckoutProcess tooSoon = checkout(DOOMED);
        Reply retry = stack.checkout(c.shopper, c.key, c.body);
        assertThat(retry.status(), is(409));
        assertThat(retry.code(), is("checkout_in_progress"));
        StatusRuntimeException grpc = assertThrows(StatusRuntimeException.class,
                () -> stack.checkoutGrpc(c.shopper.token()).checkout(grpcRequest(c)));
        assertThat(grpc.getStatus().getCode(), is(Status.Code.ABORTED));
        assertThat(state(c), is("CHARGING"));
        assertNoCharge(c);
        assertThat(tooSoon.kill(), is(CheckoutProcess.KILLED));

        restart();
        assertThat(ended(c), is("COMPLETED"));
        assertThat(orderStatus(c), is("CANCELLED"));
        assertThat(charges(c, "SUCCEEDED"), is(0L));
        assertThat(stack.stockOf(c.item), is(c.item.initialStock()));
        Payment late = lateCharge(c);
        assertThat(late.getStatus(), is(PaymentStatus.PAYMENT_STATUS_CANCELLED));
        assertThat(charges(c, "SUCCEEDED"), is(0L));
        assertThat(stack.brokenInvariants(List.of(c.item)), is(empty()));
        Reply replay = stack.checkout(c.shopper, c.key, c.body);
        assertThat(replay.body(), replay.status(), is(201));
        assertThat(replay.json().get("status").asText(), is("CANCELLED"));
    }

    /**
     * The same kill, but the shopper retries before checkout.abandon-after: recovery, which runs all the while,
     * leaves the checkout it could only give up, and the retry, stale at once, sends the charge with the
     * shopper's card: the order ends PAID with one charge.
     */
    @Test
    void killedAsTheChargeIsSentTheShoppersRetryComesBeforeRecoveryGivesItUp() throws InterruptedException {
        Case c = newCase(GOOD_CARD);
        payment.holdCallsAfter(0);
        killAt(c, "CHARGING", () -> payment.heldCalls() == 1);

        checkout(Map.of("checkout.stale-after", "PT0S", "checkout.abandon-after", "PT1H",
                "checkout.recovery-interval", "PT0.2S"));
        Thread.sleep(1_000);
        assertThat(state(c), is("CHARGING"));

        Reply retry = stack.checkout(c.shopper, c.key, c.body);
        assertThat(retry.body(), retry.status(), is(201));
        assertThat(retry.json().get("status").asText(), is("PAID"));
        assertPaidOnce(c);
    }

    /** The charge went through but its answer died with checkout: recovery finds it and the order is paid. */
    @Test
    void killedAfterTheChargeWasMadeButBeforeItsAnswerArrivedTheOrderEndsPaid() {
        Case c = newCase(GOOD_CARD);
        payment.holdAnswers();
        killAt(c, "CHARGING", () -> payment.heldAnswers() == 1);
        assertThat(charges(c, "SUCCEEDED"), is(1L));

        restart();
        assertThat(ended(c), is("COMPLETED"));
        assertPaidOnce(c);
    }

    @Test
    void killedAfterTheChargeTheOrderEndsPaidWithOneCharge() {
        Case c = newCase(GOOD_CARD);
        order.holdCallsAfter(1);
        killAt(c, "CHARGED", () -> order.heldCalls() == 1);

        restart();
        assertThat(ended(c), is("COMPLETED"));
        assertPaidOnce(c);
    }

    @Test
    void killedAfterADeclineTheOrderIsCancelledAndItsStockBack() {
        Case c = newCase(DECLINED_CARD);
        order.holdCallsAfter(1);
        killAt(c, "DECLINED", () -> order.heldCalls() == 1);

        restart();
        assertThat(ended(c), is("COMPLETED"));
        assertThat(orderStatus(c), is("CANCELLED"));
        assertThat(charges(c, "SUCCEEDED"), is(0L));
        assertThat(charges(c, "DECLINED"), is(1L));
        assertThat(stack.stockOf(c.item), is(c.item.initialStock()));
        assertThat(stack.brokenInvariants(List.of(c.item)), is(empty()));
        Reply replay = stack.checkout(c.shopper, c.key, c.body);
        assertThat(replay.body(), replay.status(), is(402));
        assertThat(replay.code(), is("card_declined"));
    }

    /**
     * Six checkouts killed with their charges made and unanswered, then two replicas started at once over them:
     * each checkout is finished once, paid once.
     */
    @Test
    void twoReplicasRecoveringAtOnceFinishEachCheckoutOnce() throws Exception {
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            cases.add(newCase(GOOD_CARD));
        }
        payment.holdAnswers();
        CheckoutProcess doomed = checkout(DOOMED);
        List<CompletableFuture<Reply>> requests = cases.stream().map(CrashRecoveryTest::send).toList();
        await("six charges made and unanswered", () -> payment.heldAnswers() == cases.size()
                && cases.stream().allMatch(c -> state(c).equals("CHARGING")));
        kill(doomed, requests);

        Concurrently.call(2, i -> startCheckout(RESTARTED)).forEach(this::used);
        for (Case c : cases) {
            assertThat(ended(c), is("COMPLETED"));
        }
        for (Case c : cases) {
            assertThat(orderStatus(c), is("PAID"));
            assertThat(charges(c, "SUCCEEDED"), is(1L));
            assertThat(stack.count("SELECT count(*) FROM checkout.steps s JOIN checkout.checkouts k"
                    + " ON k.id = s.checkout_id WHERE k.user_id = CAST(? AS uuid) AND s.state = 'COMPLETED'",
                    c.shopper.id()), is(1L));
            assertThat(stack.stockOf(c.item), is(c.item.initialStock() - 2));
        }
        assertThat(stack.brokenInvariants(cases.stream().map(Case::item).toList()), is(empty()));
    }

    private record Case(Shopper shopper, Item item, String key, String body) {
    }

    /** A shopper with two units of a new product in the cart, about to check out with {@code card}. */
    private static Case newCase(String card) {
        Item item = stack.newProduct("crash " + UUID.randomUUID(), 1500, 5);
        products.add(item);
        Shopper shopper = stack.newShopper();
        stack.addToCart(shopper, item, 2);
        return new Case(shopper, item, UUID.randomUUID().toString(), body(shopper, card));
    }

    /** A checkout JVM with {@code settings}, the one shoppers use from now on. */
    private CheckoutProcess checkout(Map<String, String> settings) {
        return used(startCheckout(settings));
    }

    /** A checkout JVM with {@code settings}, reaching cart, order and payment through the relays. */
    private static CheckoutProcess startCheckout(Map<String, String> settings) {
        return CheckoutProcess.start(stack.checkoutEnvironment(Map.of(
                "cart", cart.address(), "order", order.address(), "payment", payment.address())), settings);
    }

    private CheckoutProcess used(CheckoutProcess checkout) {
        checkouts.add(checkout);
        stack.checkoutAt(checkout.httpPort(), checkout.grpcPort());
        return checkout;
    }

    /**
     * The case's checkout sent to a fresh checkout JVM, which is killed once its row shows {@code state} and
     * {@code held} says the relay holds the call that follows.
     */
    private void killAt(Case c, String state, BooleanSupplier held) {
        CheckoutProcess doomed = checkout(DOOMED);
        CompletableFuture<Reply> request = send(c);
        await("checkout at " + state + " with its next call held", () -> state.equals(state(c)) && held.getAsBoolean());
        kill(doomed, List.of(request));
        assertThat(state(c), is(state));
    }

    /** SIGKILL, while every one of {@code requests} still waits; none of them is ever answered. */
    private static void kill(CheckoutProcess doomed, List<CompletableFuture<Reply>> requests) {
        requests.forEach(r -> assertThat("a request waiting at the kill", r.isDone(), is(false)));
        assertThat(doomed.kill(), is(CheckoutProcess.KILLED));
        for (CompletableFuture<Reply> request : requests) {
            try {
                Reply reply = request.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                fail("a killed checkout answered " + reply);
            } catch (ExecutionException connectionLost) {
                // the connection died with the JVM
            } catch (InterruptedException | TimeoutException e) {
                throw new AssertionError("a request to the killed checkout still waits", e);
            }
        }
        passAll();
    }

    /** The restarted checkout, after the kill, over the same database: its recovery job takes over. */
    private void restart() {
        checkout(RESTARTED);
    }

    private static void passAll() {
        List.of(cart, order, payment).forEach(CallRelay::passAll);
    }

    private static CompletableFuture<Reply> send(Case c) {
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                reply.complete(stack.checkout(c.shopper, c.key, c.body));
            } catch (RuntimeException e) {
                reply.completeExceptionally(e);
            }
        });
        return reply;
    }

    /** The checkout's state once recovery has brought it to an end (or as it stands when patience runs out). */
    private static String ended(Case c) {
        await("checkout brought to an end", () -> state(c).equals("COMPLETED") || state(c).equals("ABANDONED"));
        return state(c);
    }

    private static void await(String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("waited " + PATIENCE.toSeconds() + " s for: " + what + "\n" + stack.everyCheckoutRow());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static String state(Case c) {
        return String.valueOf(stack.text("SELECT state FROM checkout.checkouts WHERE user_id = CAST(? AS uuid)",
                c.shopper.id()));
    }

    private static String orderStatus(Case c) {
        return stack.text("SELECT status FROM orders.orders WHERE user_id = CAST(? AS uuid)", c.shopper.id());
    }

    private static long charges(Case c, String status) {
        return stack.count("SELECT count(*) FROM payments.payments WHERE user_id = CAST(? AS uuid) AND status = ?",
                c.shopper.id(), status);
    }

    private static void assertNothingOrdered(Case c) {
        assertThat(stack.count("SELECT count(*) FROM orders.orders WHERE user_id = CAST(? AS uuid)",
                c.shopper.id()), is(0L));
        assertNoCharge(c);
        assertThat(stack.stockOf(c.item), is(c.item.initialStock()));
        assertThat(stack.cartOf(c.shopper), is(Map.of(c.item.id(), 2)));
    }

    private static void assertAbandonedOnReplay(Case c) {
        Reply replay = stack.checkout(c.shopper, c.key, c.body);
        assertThat(replay.body(), replay.status(), is(409));
        assertThat(replay.code(), is("checkout_abandoned"));
    }

    private static void assertPaidOnce(Case c) {
        assertThat(orderStatus(c), is("PAID"));
        assertThat(charges(c, "SUCCEEDED"), is(1L));
        assertThat(stack.count("SELECT count(*) FROM payments.payments WHERE user_id = CAST(? AS uuid)",
                c.shopper.id()), is(1L));
        assertThat(stack.stockOf(c.item), is(c.item.initialStock() - 2));
        assertThat(stack.brokenInvariants(List.of(c.item)), is(empty()));
        Reply replay = stack.checkout(c.shopper, c.key, c.body);
        assertThat(replay.body(), replay.status(), is(201));
        assertThat(replay.json().get("status").asText(), is("PAID"));
    }

    private static void assertNoCharge(Case c) {
        assertThat(stack.count("SELECT count(*) FROM payments.payments WHERE user_id = CAST(? AS uuid)",
                c.shopper.id()), is(0L));
    }

    /** The charge checkout was sending when it died, as payment would receive it, with the shopper's token. */
    private static Payment lateCharge(Case c) {
        List<String> placed = stack.rows(
                "SELECT id, total_amount, currency FROM orders.orders WHERE user_id = CAST(? AS uuid)",
                c.shopper.id()).getFirst();
        String checkoutId = stack.text("SELECT id FROM checkout.checkouts WHERE user_id = CAST(? AS uuid)",
                c.shopper.id());
        return stack.paymentGrpc(c.shopper.token()).charge(ChargeRequest.newBuilder()
                .setIdempotencyKey(checkoutId)
                .setOrderId(placed.get(0))
                .setAmount(Money.newBuilder().setAmount(Long.parseLong(placed.get(1)))
                        .setCurrency(placed.get(2).trim()))
                .setCard(card())
                .build());
    }

    /** The case's checkout as checkout's gRPC API takes it. */
    private static CheckoutRequest grpcRequest(Case c) {
        return CheckoutRequest.newBuilder()
                .setIdempotencyKey(c.key)
                .setAddress(Address.newBuilder().setName("Ada Lovelace").setStreetAddress("12 St James's Square")
                        .setCity("London").setCountry("GB").setZipCode("SW1Y 4JH"))
                .setCard(card())
                .setEmail(c.shopper.email())
                .build();
    }

    private static CardDetails card() {
        return CardDetails.newBuilder().setNumber(GOOD_CARD).setExpMonth(12).setExpYear(2031).setCvv("123")
                .setHolderName("Ada Lovelace").build();
    }
}
