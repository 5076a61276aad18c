package dev.meshmall.checkout;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.meshmall.checkout.CheckoutStack.Item;
import dev.meshmall.checkout.CheckoutStack.Shopper;
import dev.meshmall.platform.grpc.GrpcErrors;
import dev.meshmall.platform.http.Problems;
import dev.meshmall.proto.checkout.v1.CheckoutRequest;
import dev.meshmall.proto.common.v1.Address;
import dev.meshmall.proto.product.v1.StockShortage;
import dev.meshmall.testing.Reply;
import dev.meshmall.testing.Rest;
import dev.meshmall.testing.TestServices;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.helidon.http.Method;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.meshmall.checkout.CheckoutStack.GOOD_CARD;
import static dev.meshmall.checkout.CheckoutStack.body;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What a checkout refuses, and what it leaves behind: nothing at all for bad input, an empty cart, missing stock
 * or a card that is not the shopper's; a cancelled order with its stock back and the cart kept for a declined card.
 */
class RefusalsTest {
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
    void aCheckoutNeedsAnIdempotencyKey() {
        Shopper shopper = shopperWith(stack.newProduct("stool", 2000, 5), 1);

        Reply reply = Rest.send(TestServices.http(stack.checkout()), Method.POST, "/api/v1/checkout",
                Optional.of(body(shopper, GOOD_CARD)), Optional.of(shopper.token()));

        assertThat(reply.status(), is(400));
        assertThat(reply.contentType(), is(Problems.MEDIA_TYPE));
        assertThat(reply.code(), is("idempotency_key_required"));
        assertNothingStoredFor(shopper);
    }

    @Test
    void aCheckoutNeedsAToken() {
        Reply reply = Rest.send(TestServices.http(stack.checkout()), Method.POST, "/api/v1/checkout",
                Optional.of("{}"), Optional.empty(), Map.of("Idempotency-Key", "k"));

        assertThat(reply.status(), is(401));
    }

    @Test
    void anEmptyCartIsRefused() {
        Shopper shopper = stack.newShopper();

        Reply reply = stack.checkout(shopper, UUID.randomUUID().toString(), body(shopper, GOOD_CARD));

        assertThat(reply.status(), is(422));
        assertThat(reply.code(), is("empty_cart"));
        assertNothingStoredFor(shopper);
    }

    @Test
    void badFieldsAreRefusedBeforeAnythingHappens() {
        Item chair = stack.newProduct("chair", 5000, 5);
        Shopper shopper = shopperWith(chair, 1);
        String noAddress = "{\"card\":" + CheckoutStack.card(GOOD_CARD) + ",\"email\":\"a@example.com\"}";
        String badEmail = "{\"address\":" + CheckoutStack.ADDRESS + ",\"email\":\"not an email\"}";
        String notLuhn = body(shopper, "4242424242424241");
        String unknownField = "{\"address\":" + CheckoutStack.ADDRESS
                + ",\"email\":\"a@example.com\",\"user_id\":\"x\"}";

        for (String body : List.of(noAddress, badEmail, notLuhn, unknownField)) {
            Reply reply = stack.checkout(shopper, UUID.randomUUID().toString(), body);
            assertThat(body, reply.status(), is(422));
        }
        assertThat(stack.checkout(shopper, UUID.randomUUID().toString(), "not json").status(), is(400));
        assertNothingStoredFor(shopper);
        assertThat(stack.stockOf(chair), is(5));
    }

    @Test
    void anExpiredCardChangesNothing() {
        Item desk = stack.newProduct("desk", 15000, 2);
        Shopper shopper = shopperWith(desk, 1);
        String expired = "{\"address\":" + CheckoutStack.ADDRESS + ",\"card\":{\"number\":\"" + GOOD_CARD
                + "\",\"exp_month\":1,\"exp_year\":2020,\"cvv\":\"123\"},\"email\":\"" + shopper.email() + "\"}";

        Reply reply = stack.checkout(shopper, UUID.randomUUID().toString(), expired);

        assertThat(reply.body(), reply.status(), is(422));
        assertThat(reply.code(), is("card_expired"));
        assertNothingStoredFor(shopper);
        assertThat(stack.stockOf(desk), is(2));
        assertThat(stack.cartOf(shopper), is(Map.of(desk.id(), 1)));
    }

    @Test
    void aDeclinedCardCancelsTheOrderReleasesTheStockAndKeepsTheCart() {
        Item sofa = stack.newProduct("sofa", 90000, 3);
        Shopper shopper = shopperWith(sofa, 2);
        String key = UUID.randomUUID().toString();

        Reply reply = stack.checkout(shopper, key, body(shopper, CheckoutStack.DECLINED_CARD));

        assertThat(reply.body(), reply.status(), is(402));
        assertThat(reply.contentType(), is(Problems.MEDIA_TYPE));
        assertThat(reply.code(), is("card_declined"));
        String orderId = reply.json().get("order_id").asText();
        assertThat(stack.orderOf(shopper, orderId).json().get("status").asText(), is("CANCELLED"));
        assertThat(stack.orderOf(shopper, orderId).json().get("cancel_reason").asText(), is("PAYMENT_FAILED"));
        assertThat(stack.stockOf(sofa), is(3));
        assertThat(stack.cartOf(shopper), is(Map.of(sofa.id(), 2)));
        assertThat(stack.brokenInvariants(List.of(sofa)), is(empty()));

        Reply again = stack.checkout(shopper, key, body(shopper, CheckoutStack.DECLINED_CARD));
        assertThat(again.status(), is(402));
        assertThat(again.json().get("order_id").asText(), is(orderId));
        assertThat(stack.count("SELECT count(*) FROM payments.payments WHERE order_id = CAST(? AS uuid)",
                orderId), is(1L));
    }

    @Test
    void insufficientFundsIsADeclineWithItsCode() {
        Item bed = stack.newProduct("bed", 70000, 3);
        Shopper shopper = shopperWith(bed, 1);

        Reply reply = stack.checkout(shopper, UUID.randomUUID().toString(), body(shopper, CheckoutStack.NO_FUNDS_CARD));

        assertThat(reply.body(), reply.status(), is(402));
        assertThat(reply.code(), is("insufficient_funds"));
        assertThat(stack.stockOf(bed), is(3));
        assertThat(stack.brokenInvariants(List.of(bed)), is(empty()));
    }

    @Test
    void anotherShoppersSavedCardIsNotFoundAndChangesNothing() {
        Shopper owner = stack.registeredShopper();
        String cardId = stack.saveCard(owner, GOOD_CARD);
        Item rug = stack.newProduct("rug", 12000, 2);
        Shopper thief = shopperWith(rug, 1);

        Reply reply = stack.checkout(thief, UUID.randomUUID().toString(), "{\"address\":" + CheckoutStack.ADDRESS
                + ",\"card_id\":\"" + cardId + "\",\"email\":\"" + thief.email() + "\"}");

        assertThat(reply.body(), reply.status(), is(404));
        assertNothingStoredFor(thief);
        assertThat(stack.stockOf(rug), is(2));
    }

    @Test
    void anotherShoppersSavedAddressIsNotFound() {
        Shopper owner = stack.registeredShopper();
        String addressId = stack.saveAddress(owner);
        Item shelf = stack.newProduct("shelf", 8000, 2);
        Shopper other = shopperWith(shelf, 1);

        Reply reply = stack.checkout(other, UUID.randomUUID().toString(), "{\"address_id\":\"" + addressId
                + "\",\"card\":" + CheckoutStack.card(GOOD_CARD) + ",\"email\":\"" + other.email() + "\"}");

        assertThat(reply.body(), reply.status(), is(404));
        assertNothingStoredFor(other);
    }

    @Test
    void notEnoughStockListsTheProductsAndReservesNothing() {
        Item lamp = stack.newProduct("floor lamp", 6000, 5);
        Item clock = stack.newProduct("wall clock", 3000, 1);
        Shopper shopper = shopperWith(lamp, 2);
        stack.addToCart(shopper, clock, 3);

        Reply reply = stack.checkout(shopper, UUID.randomUUID().toString(), body(shopper, GOOD_CARD));

        assertThat(reply.body(), reply.status(), is(409));
        assertThat(reply.code(), is("insufficient_stock"));
        JsonNode shortages = reply.json().get("shortages");
        assertThat(shortages.size(), is(1));
        assertThat(shortages.get(0).get("product_id").asText(), is(clock.id()));
        assertThat(shortages.get(0).get("requested").asInt(), is(3));
        assertThat(shortages.get(0).get("available").asInt(), is(1));
        assertThat(stack.stockOf(lamp), is(5));
        assertThat(stack.stockOf(clock), is(1));
        assertNothingStoredFor(shopper);
    }

    @Test
    void theSameKeyForAnotherRequestIsRefused() {
        Item pen = stack.newProduct("pen", 250, 10);
        Shopper shopper = shopperWith(pen, 1);
        String key = UUID.randomUUID().toString();
        stack.checkout(shopper, key, body(shopper, GOOD_CARD)).expect(201);

        Reply reply = stack.checkout(shopper, key, "{\"address\":" + CheckoutStack.ADDRESS + ",\"email\":\""
                + shopper.email() + "\"}");

        assertThat(reply.status(), is(422));
        assertThat(reply.code(), is("idempotency_key_reused"));
        assertThat(stack.count("SELECT count(*) FROM orders.orders WHERE user_id = CAST(? AS uuid)",
                shopper.id()), is(1L));
    }

    @Test
    void theGrpcCheckoutAnswersTheContractsStatuses() {
        Shopper empty = stack.newShopper();
        CheckoutRequest.Builder request = CheckoutRequest.newBuilder()
                .setIdempotencyKey(UUID.randomUUID().toString())
                .setAddress(Address.newBuilder().setStreetAddress("1 Main St").setCity("Springfield").setCountry("US"))
                .setEmail(empty.email());

        StatusRuntimeException emptyCart = assertThrows(StatusRuntimeException.class,
                () -> stack.checkoutGrpc(empty.token()).checkout(request.build()));
        assertThat(emptyCart.getStatus().getCode(), is(Status.Code.FAILED_PRECONDITION));

        StatusRuntimeException noKey = assertThrows(StatusRuntimeException.class,
                () -> stack.checkoutGrpc(empty.token()).checkout(request.clone().setIdempotencyKey("").build()));
        assertThat(noKey.getStatus().getCode(), is(Status.Code.INVALID_ARGUMENT));

        Item lamp = stack.newProduct("grpc lamp", 6000, 1);
        Shopper shopper = shopperWith(lamp, 2);
        StatusRuntimeException shortage = assertThrows(StatusRuntimeException.class,
                () -> stack.checkoutGrpc(shopper.token()).checkout(request.clone().setEmail(shopper.email()).build()));
        assertThat(shortage.getStatus().getCode(), is(Status.Code.FAILED_PRECONDITION));
        StockShortage detail = GrpcErrors.detail(shortage, StockShortage.class).orElseThrow();
        assertThat(detail.getItems(0).getProductId(), is(lamp.id()));
        assertThat(detail.getItems(0).getAvailable(), is(1));

        StatusRuntimeException anonymous = assertThrows(StatusRuntimeException.class,
                () -> dev.meshmall.proto.checkout.v1.CheckoutServiceGrpc.newBlockingStub(
                        TestServices.grpc(stack.checkout())).checkout(request.build()));
        assertThat(anonymous.getStatus().getCode(), is(Status.Code.UNAUTHENTICATED));
    }

    private static Shopper shopperWith(Item item, int quantity) {
        Shopper shopper = stack.newShopper();
        stack.addToCart(shopper, item, quantity);
        return shopper;
    }

    private static void assertNothingStoredFor(Shopper shopper) {
        assertThat(stack.count("SELECT count(*) FROM checkout.checkouts WHERE user_id = CAST(? AS uuid)",
                shopper.id()), is(0L));
        assertThat(stack.count("SELECT count(*) FROM orders.orders WHERE user_id = CAST(? AS uuid)",
                shopper.id()), is(0L));
        assertThat(stack.count("SELECT count(*) FROM payments.payments WHERE user_id = CAST(? AS uuid)",
                shopper.id()), is(0L));
    }
}
