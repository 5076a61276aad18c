package dev.meshmall.checkout;

import java.util.List;
import java.util.UUID;

import dev.meshmall.checkout.CheckoutStack.Item;
import dev.meshmall.checkout.CheckoutStack.Shopper;
import dev.meshmall.proto.checkout.v1.CheckoutRequest;
import dev.meshmall.proto.checkout.v1.CheckoutResponse;
import dev.meshmall.proto.checkout.v1.PayOrderRequest;
import dev.meshmall.proto.common.v1.Address;
import dev.meshmall.proto.order.v1.OrderStatus;
import dev.meshmall.proto.payment.v1.CardDetails;
import dev.meshmall.proto.payment.v1.PaymentStatus;
import dev.meshmall.testing.LogCapture;
import dev.meshmall.testing.Reply;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.meshmall.checkout.CheckoutStack.GOOD_CARD;
import static dev.meshmall.checkout.CheckoutStack.body;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

/** The checkout path end to end, through REST and gRPC, across the real services. */
class CheckoutTest {
    private static CheckoutStack stack;

    @BeforeAll
    static void start() {
        stack = CheckoutStack.start();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aRegisteredShopperBuysTheirCartWithASavedAddressAndACardTypedIn() {
        Shopper ada = stack.registeredShopper();
        String addressId = stack.saveAddress(ada);
        Item lamp = stack.newProduct("desk lamp", 2599, 10);
        Item mug = stack.newProduct("tea mug", 899, 10);
        stack.addToCart(ada, lamp, 2);
        stack.addToCart(ada, mug, 1);

        Reply reply;
        String logs;
        try (LogCapture capture = new LogCapture()) {
            capture.attachToLoggers();
            reply = stack.checkout(ada, UUID.randomUUID().toString(), "{\"address_id\":\"" + addressId
                    + "\",\"card\":" + CheckoutStack.card(GOOD_CARD) + ",\"email\":\"" + ada.email() + "\"}");
            logs = capture.text();
        }

        assertThat(reply.body(), reply.status(), is(201));
        JsonNode answer = reply.json();
        assertThat(answer.get("status").asText(), is("PAID"));
        assertThat(answer.get("payment_status").asText(), is("SUCCEEDED"));
        assertThat(answer.get("total").get("amount").asLong(), is(2 * 2599L + 899L));
        assertThat(answer.get("items").size(), is(2));
        String orderId = answer.get("order_id").asText();
        JsonNode order = stack.orderOf(ada, orderId).json();
        assertThat(order.get("status").asText(), is("PAID"));
        assertThat(order.get("payment_id").asText(), is(answer.get("payment_id").asText()));
        assertThat(order.get("address").get("city").asText(), is("London"));
        assertThat(stack.stockOf(lamp), is(8));
        assertThat(stack.stockOf(mug), is(9));
        assertThat(stack.cartOf(ada), is(java.util.Map.of()));
        assertThat(stack.brokenInvariants(List.of(lamp, mug)), is(empty()));
        assertThat(stack.rows("SELECT s.state FROM checkout.steps s JOIN checkout.checkouts c ON c.id = s.checkout_id"
                        + " WHERE c.order_id = CAST(? AS uuid) ORDER BY s.at", orderId)
                        .stream().map(List::getFirst).toList(),
                is(List.of("NEW", "PLACING", "CHARGING", "CHARGED", "COMPLETED")));
        assertThat(logs.contains("PaymentService/Charge OK"), is(true));
        assertThat(logs.contains(GOOD_CARD), is(false));
        assertThat(reply.body().contains(GOOD_CARD), is(false));
        assertThat(stack.everyCheckoutRow().contains(GOOD_CARD), is(false));
        assertThat(stack.everyCheckoutRow().contains("\"cvv\""), is(false));
    }

    @Test
    void aSavedCardIsChargedByItsVaultTokenAndASavedTestCardIsDeclinedAsItsNumberIs() {
        Shopper ada = stack.registeredShopper();
        String mastercard = stack.saveCard(ada, "5555 5555 5555 4444");
        String declining = stack.saveCard(ada, "4000000000000002");
        Item kettle = stack.newProduct("kettle " + UUID.randomUUID(), 4500, 3);

        stack.addToCart(ada, kettle, 1);
        Reply declined = stack.checkout(ada, UUID.randomUUID().toString(), "{\"address\":" + CheckoutStack.ADDRESS
                + ",\"card_id\":\"" + declining + "\",\"email\":\"" + ada.email() + "\"}");
        Reply paid = stack.checkout(ada, UUID.randomUUID().toString(), "{\"address\":" + CheckoutStack.ADDRESS
                + ",\"card_id\":\"" + mastercard + "\",\"email\":\"" + ada.email() + "\"}");

        assertThat(declined.body(), declined.status(), is(402));
        assertThat(declined.code(), is("card_declined"));
        assertThat(paid.body(), paid.status(), is(201));
        String payment = paid.json().get("payment_id").asText();
        assertThat(stack.rows("SELECT p.card_brand, p.card_last4, p.card_token = c.token, p.amount"
                + " FROM payments.payments p, users.cards c WHERE p.id = CAST(? AS uuid) AND c.id = CAST(? AS uuid)",
                payment, mastercard), is(List.of(List.of("mastercard", "4444", "t", "4500"))));
    }

    @Test
    void aSavedCardPaysToo() {
        Shopper ada = stack.registeredShopper();
        String cardId = stack.saveCard(ada, GOOD_CARD);
        Item kettle = stack.newProduct("kettle", 4500, 3);
        stack.addToCart(ada, kettle, 1);

        Reply reply = stack.checkout(ada, UUID.randomUUID().toString(), "{\"address\":" + CheckoutStack.ADDRESS
                + ",\"card_id\":\"" + cardId + "\",\"email\":\"" + ada.email() + "\"}");

        assertThat(reply.body(), reply.status(), is(201));
        assertThat(reply.json().get("status").asText(), is("PAID"));
        assertThat(stack.stockOf(kettle), is(2));
        assertThat(stack.brokenInvariants(List.of(kettle)), is(empty()));
    }

    @Test
    void aPriceChangedSinceTheCartIsChargedAtTheCurrentPrice() {
        Shopper shopper = stack.newShopper();
        Item teapot = stack.newProduct("teapot", 3000, 5);
        stack.addToCart(shopper, teapot, 2);
        stack.reprice(teapot, 3500);

        Reply reply = stack.checkout(shopper, UUID.randomUUID().toString(), body(shopper, GOOD_CARD));

        assertThat(reply.body(), reply.status(), is(201));
        JsonNode item = reply.json().get("items").get(0);
        assertThat(item.get("unit_price").get("amount").asLong(), is(3500L));
        assertThat(item.get("line_total").get("amount").asLong(), is(7000L));
        assertThat(reply.json().get("total").get("amount").asLong(), is(7000L));
        assertThat(stack.count("SELECT amount FROM payments.payments WHERE order_id = CAST(? AS uuid)",
                reply.json().get("order_id").asText()), is(7000L));
    }

    @Test
    void withoutACardTheOrderWaitsForPaymentAndIsPaidLater() {
        Shopper shopper = stack.newShopper();
        Item vase = stack.newProduct("vase", 1999, 4);
        stack.addToCart(shopper, vase, 1);

        Reply placed = stack.checkout(shopper, UUID.randomUUID().toString(), "{\"address\":" + CheckoutStack.ADDRESS
                + ",\"email\":\"" + shopper.email() + "\"}");

        assertThat(placed.body(), placed.status(), is(201));
        assertThat(placed.json().get("status").asText(), is("PENDING_PAYMENT"));
        assertThat(placed.json().get("payment_id").isNull(), is(true));
        assertThat(stack.cartOf(shopper), is(java.util.Map.of()));
        assertThat(stack.stockOf(vase), is(3));
        String orderId = placed.json().get("order_id").asText();

        String key = UUID.randomUUID().toString();
        Reply paid = stack.pay(shopper, orderId, key, "{\"card\":" + CheckoutStack.card(GOOD_CARD) + "}");

        assertThat(paid.body(), paid.status(), is(200));
        assertThat(paid.json().get("status").asText(), is("PAID"));
        assertThat(paid.json().get("order_id").asText(), is(orderId));
        assertThat(stack.orderOf(shopper, orderId).json().get("status").asText(), is("PAID"));
        Reply again = stack.pay(shopper, orderId, key, "{\"card\":" + CheckoutStack.card(GOOD_CARD) + "}");
        assertThat(again.json().get("payment_id").asText(), is(paid.json().get("payment_id").asText()));
        assertThat(stack.count("SELECT count(*) FROM payments.payments WHERE order_id = CAST(? AS uuid)",
                orderId), is(1L));
        assertThat(stack.brokenInvariants(List.of(vase)), is(empty()));
    }

    @Test
    void aPendingOrderPaidWithADeclinedCardKeepsWaiting() {
        Shopper shopper = stack.newShopper();
        Item bowl = stack.newProduct("bowl", 1200, 4);
        stack.addToCart(shopper, bowl, 1);
        String orderId = stack.checkout(shopper, UUID.randomUUID().toString(), "{\"address\":" + CheckoutStack.ADDRESS
                + ",\"email\":\"" + shopper.email() + "\"}").json().get("order_id").asText();

        Reply declined = stack.pay(shopper, orderId, UUID.randomUUID().toString(),
                "{\"card\":" + CheckoutStack.card(CheckoutStack.DECLINED_CARD) + "}");

        assertThat(declined.body(), declined.status(), is(402));
        assertThat(declined.code(), is("card_declined"));
        assertThat(stack.orderOf(shopper, orderId).json().get("status").asText(), is("PENDING_PAYMENT"));
        Reply paid = stack.pay(shopper, orderId, UUID.randomUUID().toString(),
                "{\"card\":" + CheckoutStack.card(GOOD_CARD) + "}");
        assertThat(paid.body(), paid.status(), is(200));
        assertThat(stack.brokenInvariants(List.of(bowl)), is(empty()));
    }

    @Test
    void anotherShoppersOrderCannotBePaid() {
        Shopper owner = stack.newShopper();
        Item cup = stack.newProduct("cup", 500, 4);
        stack.addToCart(owner, cup, 1);
        String orderId = stack.checkout(owner, UUID.randomUUID().toString(), "{\"address\":" + CheckoutStack.ADDRESS
                + ",\"email\":\"" + owner.email() + "\"}").json().get("order_id").asText();

        Reply reply = stack.pay(stack.newShopper(), orderId, UUID.randomUUID().toString(),
                "{\"card\":" + CheckoutStack.card(GOOD_CARD) + "}");

        assertThat(reply.body(), reply.status(), is(404));
        assertThat(stack.count("SELECT count(*) FROM payments.payments WHERE order_id = CAST(? AS uuid)",
                orderId), is(0L));
    }

    @Test
    void theGrpcCheckoutBuysTheCartToo() {
        Shopper shopper = stack.newShopper();
        Item plate = stack.newProduct("plate", 1500, 6);
        stack.addToCart(shopper, plate, 3);

        CheckoutResponse response = stack.checkoutGrpc(shopper.token()).checkout(CheckoutRequest.newBuilder()
                .setIdempotencyKey(UUID.randomUUID().toString())
                .setAddress(Address.newBuilder().setStreetAddress("1 Main St").setCity("Springfield").setCountry("US"))
                .setCard(CardDetails.newBuilder().setNumber(GOOD_CARD).setExpMonth(1).setExpYear(2032).setCvv("999"))
                .setEmail(shopper.email())
                .build());

        assertThat(response.getStatus(), is(OrderStatus.ORDER_STATUS_PAID));
        assertThat(response.getPaymentStatus(), is(PaymentStatus.PAYMENT_STATUS_SUCCEEDED));
        assertThat(response.getTotal().getAmount(), is(4500L));
        assertThat(stack.stockOf(plate), is(3));
    }

    @Test
    void theGrpcPayOrderPaysAWaitingOrder() {
        Shopper shopper = stack.newShopper();
        Item jug = stack.newProduct("jug", 2200, 3);
        stack.addToCart(shopper, jug, 1);
        String orderId = stack.checkout(shopper, UUID.randomUUID().toString(), "{\"address\":" + CheckoutStack.ADDRESS
                + ",\"email\":\"" + shopper.email() + "\"}").json().get("order_id").asText();

        CheckoutResponse response = stack.checkoutGrpc(shopper.token()).payOrder(PayOrderRequest.newBuilder()
                .setIdempotencyKey(UUID.randomUUID().toString())
                .setOrderId(orderId)
                .setCard(CardDetails.newBuilder().setNumber(GOOD_CARD).setExpMonth(1).setExpYear(2032).setCvv("999"))
                .build());

        assertThat(response.getOrderId(), is(orderId));
        assertThat(response.getStatus(), is(OrderStatus.ORDER_STATUS_PAID));
        assertThat(response.getTotal().getAmount(), is(2200L));
        assertThat(stack.orderOf(shopper, orderId).json().get("status").asText(), is("PAID"));
    }

    @Test
    void outcomesAndStepsAreMeasured() {
        Shopper shopper = stack.newShopper();
        Item spoon = stack.newProduct("spoon", 300, 5);
        stack.addToCart(shopper, spoon, 1);
        double paidBefore = stack.metric(stack.checkout(), "meshmall_checkout_outcomes_total", "outcome=\"paid\"",
                "kind=\"checkout\"");
        double chargesBefore = stack.metric(stack.checkout(), "meshmall_checkout_step_seconds_count",
                "step=\"charge\"");

        stack.checkout(shopper, UUID.randomUUID().toString(), body(shopper, GOOD_CARD)).expect(201);

        assertThat(stack.metric(stack.checkout(), "meshmall_checkout_outcomes_total", "outcome=\"paid\"",
                "kind=\"checkout\""), is(paidBefore + 1));
        assertThat(stack.metric(stack.checkout(), "meshmall_checkout_step_seconds_count", "step=\"charge\""),
                is(chargesBefore + 1));
        for (String step : List.of("cart", "prices", "place", "mark_paid", "empty")) {
            assertThat(step, stack.metric(stack.checkout(), "meshmall_checkout_step_seconds_count",
                    "step=\"" + step + "\""), greaterThan(0.0));
        }
    }
}
