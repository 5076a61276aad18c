package dev.meshmall.checkout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.meshmall.checkout.CheckoutStack.Item;
import dev.meshmall.checkout.CheckoutStack.Shopper;
import dev.meshmall.proto.common.v1.Money;
import dev.meshmall.proto.payment.v1.CardDetails;
import dev.meshmall.proto.payment.v1.ChargeRequest;
import dev.meshmall.proto.payment.v1.Payment;
import dev.meshmall.proto.payment.v1.PaymentStatus;
import dev.meshmall.testing.Concurrently;
import dev.meshmall.testing.Reply;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.meshmall.checkout.CheckoutStack.GOOD_CARD;
import static dev.meshmall.checkout.CheckoutStack.body;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

/**
 * A checkout stopped dead right after recording each of its states (the test hook throws an Error no layer
 * catches, so the database holds exactly what a crash leaves), then a fresh checkout over the same database
 * whose recovery job finishes or compensates it: PAID with exactly one charge, or CANCELLED (or never ordered)
 * with no charge and the stock back. After every case the invariants hold across all schemas.
 */
class CrashRecoveryTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static CheckoutStack stack;
    private static final List<Item> products = new ArrayList<>();

    @BeforeAll
    static void start() {
        stack = CheckoutStack.start();
    }

    @AfterAll
    static void stop() {
        assertThat(stack.brokenInvariants(products), is(empty()));
        stack.close();
    }

    @Test
    void interruptedBeforeTheOrderIsPlacedNothingIsOrdered() {
        Case c = crashAfter("PLACING", GOOD_CARD);

        assertThat(recovered(c), is("ABANDONED"));
        assertThat(stack.count("SELECT count(*) FROM orders.orders WHERE user_id = CAST(? AS uuid)",
                c.shopper.id()), is(0L));
        assertNoCharge(c);
        assertThat(stack.stockOf(c.item), is(c.item.initialStock()));
        assertThat(stack.cartOf(c.shopper), is(Map.of(c.item.id(), 2)));
    }

    /**
     * The cart is priced and the order about to be placed when checkout stops; meanwhile the merchant raises the
     * price. The shopper's retry places the order at the price the checkout read, which order, pricing from the
     * catalog, refuses: a conflict naming the product, never an order at another price; nothing is reserved.
     */
    @Test
    void aPriceChangedBeforeTheOrderIsPlacedIsAConflictAndNothingIsReserved() throws Exception {
        Case c = crashAfter("PLACING", GOOD_CARD, Map.of("checkout.stale-after", "PT2S"));
        stack.reprice(c.item, 1_600);
        Thread.sleep(2_100);

        Reply retry = stack.checkout(c.shopper, c.key, c.body);

        assertThat(retry.body(), retry.status(), is(409));
        assertThat(retry.code(), is("price_changed"));
        JsonNode change = retry.json().get("price_changes").get(0);
        assertThat(change.get("product_id").asText(), is(c.item.id()));
        assertThat(change.get("expected_unit_price").get("amount").asLong(), is(1_500L));
        assertThat(change.get("unit_price").get("amount").asLong(), is(1_600L));
        assertThat(stack.count("SELECT count(*) FROM orders.orders WHERE user_id = CAST(? AS uuid)",
                c.shopper.id()), is(0L));
        assertNoCharge(c);
        assertThat(stack.stockOf(c.item), is(c.item.initialStock()));
        assertThat(stack.cartOf(c.shopper), is(Map.of(c.item.id(), 2)));
    }

    /**
     * The order is placed and the charge recorded as about to be sent, and the crash keeps it from being sent:
     * recovery asks payment, which has no payment under the key and spends it, so the order is cancelled with
     * its stock back, and the charge arriving late after all (a retry of the lost call) takes no money.
     */
    @Test
    void interruptedAsTheChargeIsSentTheOrderIsCancelledAndALateChargeTakesNothing() {
        Case c = crashAfter("CHARGING", GOOD_CARD);

        assertThat(recovered(c), is("COMPLETED"));
        assertThat(orderStatus(c), is("CANCELLED"));
        assertThat(charges(c, "SUCCEEDED"), is(0L));
        assertThat(stack.stockOf(c.item), is(c.item.initialStock()));

        Payment late = lateCharge(c);
        assertThat(late.getStatus(), is(PaymentStatus.PAYMENT_STATUS_CANCELLED));
        assertThat(charges(c, "SUCCEEDED"), is(0L));
        assertThat(stack.brokenInvariants(List.of(c.item)), is(empty()));
    }

    /** The charge went through but its answer was lost with the crash: recovery finds it and the order is paid. */
    @Test
    void interruptedAfterTheChargeWasMadeButBeforeItsAnswerWasRecordedTheOrderEndsPaid() {
        Case c = crashAfter("CHARGING", GOOD_CARD, Map.of("checkout.stale-after", "PT1H"));
        Payment made = lateCharge(c);
        assertThat(made.getStatus(), is(PaymentStatus.PAYMENT_STATUS_SUCCEEDED));
        stack.stopCheckout();
        stack.startCheckout(Map.of("checkout.stale-after", "PT0S"));

        assertThat(recovered(c), is("COMPLETED"));
        assertThat(orderStatus(c), is("PAID"));
        assertThat(charges(c, "SUCCEEDED"), is(1L));
        assertThat(stack.stockOf(c.item), is(c.item.initialStock() - 2));
        assertThat(stack.brokenInvariants(List.of(c.item)), is(empty()));
    }

    /** Until a checkout left half-way is stale, a retry is told it is still running: 409 and gRPC ABORTED. */
    @Test
    void aRetryOfACheckoutThatIsNotStaleYetIsToldItIsInProgress() {
        Case c = crashAfter("CHARGING", GOOD_CARD, Map.of("checkout.stale-after", "PT1H"));

        Reply retry = stack.checkout(c.shopper, c.key, c.body);
        assertThat(retry.status(), is(409));
        assertThat(retry.code(), is("checkout_in_progress"));
        io.grpc.StatusRuntimeException grpc = org.junit.jupiter.api.Assertions.assertThrows(
                io.grpc.StatusRuntimeException.class, () -> stack.checkoutGrpc(c.shopper.token()).checkout(
                        dev.meshmall.proto.checkout.v1.CheckoutRequest.newBuilder()
                                .setIdempotencyKey(c.key)
                                .setAddress(dev.meshmall.proto.common.v1.Address.newBuilder()
                                        .setName("Ada Lovelace").setStreetAddress("12 St James's Square")
                                        .setCity("London").setCountry("GB").setZipCode("SW1Y 4JH"))
                                .setCard(dev.meshmall.proto.payment.v1.CardDetails.newBuilder().setNumber(GOOD_CARD)
                                        .setExpMonth(12).setExpYear(2031).setCvv("123").setHolderName("Ada Lovelace"))
                                .setEmail(c.shopper.email())
                                .build()));
        assertThat(grpc.getStatus().getCode(), is(io.grpc.Status.Code.ABORTED));
        assertThat(state(c), is("CHARGING"));
        assertNoCharge(c);
    }

    @Test
    void interruptedAfterTheChargeTheOrderEndsPaidWithOneCharge() {
        Case c = crashAfter("CHARGED", GOOD_CARD);

        assertThat(recovered(c), is("COMPLETED"));
        assertThat(orderStatus(c), is("PAID"));
        assertThat(charges(c, "SUCCEEDED"), is(1L));
        assertThat(stack.count("SELECT count(*) FROM payments.payments WHERE user_id = CAST(? AS uuid)",
                c.shopper.id()), is(1L));
        assertThat(stack.stockOf(c.item), is(c.item.initialStock() - 2));
        assertThat(stack.brokenInvariants(List.of(c.item)), is(empty()));
        Reply replay = stack.checkout(c.shopper, c.key, c.body);
        assertThat(replay.status(), is(201));
        assertThat(replay.json().get("status").asText(), is("PAID"));
    }

    @Test
    void interruptedAfterADeclineTheOrderIsCancelledAndItsStockBack() {
        Case c = crashAfter("DECLINED", CheckoutStack.DECLINED_CARD);

        assertThat(recovered(c), is("COMPLETED"));
        assertThat(orderStatus(c), is("CANCELLED"));
        assertThat(charges(c, "SUCCEEDED"), is(0L));
        assertThat(charges(c, "DECLINED"), is(1L));
        assertThat(stack.stockOf(c.item), is(c.item.initialStock()));
        assertThat(stack.brokenInvariants(List.of(c.item)), is(empty()));
    }

    /** Recovery running on two replicas at once: each interrupted checkout is finished once. */
    @Test
    void twoReplicasRecoveringAtOnceFinishEachCheckoutOnce() throws Exception {
        stack.stopCheckout();
        stack.startCheckout(Map.of("checkout.test.crash-after", "CHARGED"));
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Item item = stack.newProduct("replicas " + UUID.randomUUID(), 1000, 4);
            products.add(item);
            Shopper shopper = stack.newShopper();
            stack.addToCart(shopper, item, 2);
            Case c = new Case(shopper, item, UUID.randomUUID().toString(), body(shopper, GOOD_CARD));
            try {
                stack.checkout(shopper, c.key, c.body);
            } catch (RuntimeException connectionDropped) {
                // the crash may take the connection with it
            }
            assertThat(state(c), is("CHARGED"));
            cases.add(c);
        }
        stack.stopCheckout();
        stack.startCheckout(Map.of("checkout.stale-after", "PT0S"));

        try (CheckoutStack.Replica replica = stack.checkoutReplica(Map.of("checkout.stale-after", "PT0S"))) {
            Concurrently.call(2, i -> (i == 0 ? stack.checkoutApp() : replica.app()).recovery().run());
            for (Case c : cases) {
                assertThat(recovered(c), is("COMPLETED"));
            }
        }
        for (Case c : cases) {
            assertThat(orderStatus(c), is("PAID"));
            assertThat(charges(c, "SUCCEEDED"), is(1L));
            assertThat(stack.count("SELECT count(*) FROM checkout.steps s JOIN checkout.checkouts k"
                    + " ON k.id = s.checkout_id WHERE k.user_id = CAST(? AS uuid) AND s.state = 'COMPLETED'",
                    c.shopper.id()), is(1L));
            assertThat(stack.stockOf(c.item), is(2));
        }
        assertThat(stack.brokenInvariants(cases.stream().map(Case::item).toList()), is(empty()));
    }

    private record Case(Shopper shopper, Item item, String key, String body) {
    }

    /** A checkout on a checkout instance that crashes after {@code state}, then a fresh instance, which recovers. */
    private static Case crashAfter(String state, String card) {
        return crashAfter(state, card, Map.of("checkout.stale-after", "PT0S"));
    }

    private static Case crashAfter(String state, String card, Map<String, String> restart) {
        Item item = stack.newProduct("crash " + state + " " + UUID.randomUUID(), 1500, 5);
        products.add(item);
        Shopper shopper = stack.newShopper();
        stack.addToCart(shopper, item, 2);
        String key = UUID.randomUUID().toString();
        String body = body(shopper, card);

        stack.stopCheckout();
        stack.startCheckout(Map.of("checkout.test.crash-after", state));
        try {
            Reply reply = stack.checkout(shopper, key, body);
            assertThat("the checkout should have crashed: " + reply, reply.status(), is(500));
        } catch (RuntimeException connectionDropped) {
            // the crash may take the connection with it
        }
        assertThat(stack.text("SELECT state FROM checkout.checkouts WHERE user_id = CAST(? AS uuid)", shopper.id()),
                is(state));
        stack.stopCheckout();
        stack.startCheckout(restart);
        return new Case(shopper, item, key, body);
    }

    /** The checkout's state once recovery (at start-up, or this run) has brought it to an end. */
    private static String recovered(Case c) {
        stack.checkoutApp().recovery().run();
        Instant giveUp = Instant.now().plus(PATIENCE);
        String state = state(c);
        while (!state.equals("COMPLETED") && !state.equals("ABANDONED") && Instant.now().isBefore(giveUp)) {
            stack.checkoutApp().recovery().run();
            state = state(c);
        }
        return state;
    }

    private static String state(Case c) {
        return stack.text("SELECT state FROM checkout.checkouts WHERE user_id = CAST(? AS uuid)", c.shopper.id());
    }

    private static String orderStatus(Case c) {
        return stack.text("SELECT status FROM orders.orders WHERE user_id = CAST(? AS uuid)", c.shopper.id());
    }

    private static long charges(Case c, String status) {
        return stack.count("SELECT count(*) FROM payments.payments WHERE user_id = CAST(? AS uuid) AND status = ?",
                c.shopper.id(), status);
    }

    /** The charge checkout was sending when it crashed, as payment would receive it, with the shopper's token. */
    private static Payment lateCharge(Case c) {
        List<String> order = stack.rows(
                "SELECT id, total_amount, currency FROM orders.orders WHERE user_id = CAST(? AS uuid)",
                c.shopper.id()).getFirst();
        String checkoutId = stack.text("SELECT id FROM checkout.checkouts WHERE user_id = CAST(? AS uuid)",
                c.shopper.id());
        return stack.paymentGrpc(c.shopper.token()).charge(ChargeRequest.newBuilder()
                .setIdempotencyKey(checkoutId)
                .setOrderId(order.get(0))
                .setAmount(Money.newBuilder().setAmount(Long.parseLong(order.get(1))).setCurrency(order.get(2).trim()))
                .setCard(CardDetails.newBuilder().setNumber(GOOD_CARD).setExpMonth(12).setExpYear(2031).setCvv("123")
                        .setHolderName("Ada Lovelace"))
                .build());
    }

    private static void assertNoCharge(Case c) {
        assertThat(stack.count("SELECT count(*) FROM payments.payments WHERE user_id = CAST(? AS uuid)",
                c.shopper.id()), is(0L));
    }
}
